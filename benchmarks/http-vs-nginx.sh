#!/usr/bin/env bash
# The example server (`serve`) beside nginx serving `export` of the same board, on 127.0.0.1, in
# one run (docs/benchmarks.md, section "The status page over HTTP"):
#   1. wrk against both for /, a post, RSS, Atom, JSON Feed and summary.json, each also with
#      If-None-Match (304): requests/s, p50, p99, bytes per answer, ratio to nginx;
#   2. the latency of normal requests with and without SLOW (2,000) slow-loris connections;
#   3. a board of INCIDENTS (10,000) incidents served under -Xmx256m: every exported route
#      answers 200, wrk on the front page and a feed, the peak heap after GC.
# Installs wrk and nginx from Debian when absent (apt-get; run as root or have them installed).
# Everything listens on 127.0.0.1 on free ports; nginx runs from a throwaway config in a temp
# directory (its own pid, logs and temp dirs, daemon off, one worker per core). Every step has a
# fixed duration. Takes about 12 minutes. Writes the report to stdout and to $OUT.
#
# Settings (environment): DURATION (10s per wrk run), THREADS (2), CONNECTIONS (50), SLOW (2000),
# INCIDENTS (10000), OUT (benchmarks/results/http-vs-nginx.txt), JAR, BENCH_JAR;
# PARTS (which parts run: "throughput slow big", the default, or any of them);
# CONDITIONAL (both: plain and If-None-Match runs, the default; only: the 304 runs; none);
# BASE_JAR (an examples jar of another commit: a second serve from it, on a copy of the same
# journal, measured beside JAR in the same run, as an A/B: columns "base").
#
# The site renders HTML pages again once a minute (on the wall clock's minute: they show
# "generated at"), with a new ETag. A 304 run of serve therefore fetches the ETag right before it
# starts and never spans a minute's turn: it waits for the next minute when the current one has
# less than DURATION + 3 s left. (Before this, the post's 304 run began a few seconds after the
# minute turned, with the previous minute's ETag, and measured 200s.)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-50}
SLOW=${SLOW:-2000}
INCIDENTS=${INCIDENTS:-10000}
OUT=${OUT:-benchmarks/results/http-vs-nginx.txt}
JAR=${JAR:-examples/target/statuskit-examples.jar}
BENCH_JAR=${BENCH_JAR:-benchmarks/target/benchmarks.jar}
PARTS=${PARTS:-throughput slow big}
CONDITIONAL=${CONDITIONAL:-both}
BASE_JAR=${BASE_JAR:-}
case "$CONDITIONAL" in both) CONDITIONS=(no yes) ;; only) CONDITIONS=(yes) ;; none) CONDITIONS=(no) ;;
  *) echo "CONDITIONAL must be both, only or none: $CONDITIONAL" >&2; exit 2 ;; esac
part() { [[ " $PARTS " == *" $1 "* ]]; }
POST=/incidents/20161123-nc027-mail-server-shut-down/
ROUTES=(/ "$POST" /history.rss /history.atom /history.json /api/v2/summary.json)

need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} from Debian" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
if [ ! -f "$JAR" ] || { part big && [ ! -f "$BENCH_JAR" ]; }; then
  echo "building the examples and benchmarks jars" >&2
  mvn -B -q -pl examples,benchmarks -am package -DskipTests
fi

T=$(mktemp -d /tmp/statuskit-http-bench.XXXXXX)
chmod 755 "$T"   # nginx's workers run as nobody and read the export from here
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$T"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
load() { echo "$(date -u +%FT%TZ) uptime: $(uptime | sed 's/^.*up/up/')"; }
await_url() {  # waits up to 60 s for a URL to answer 200
  for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1" || true)" = 200 ] && return 0
    sleep 0.1
  done
  echo "no answer from $1 within 60 s" >&2
  return 1
}
# wrk's "50%  1.23ms" in milliseconds
to_ms() { awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.2f", v }'; }
to_bytes() { awk '{ v = $1; m = 1; if (v ~ /KB$/) m = 1024; else if (v ~ /MB$/) m = 1048576; else if (v ~ /GB$/) m = 1073741824; sub(/[KMG]?B$/, "", v); printf "%.0f", v * m }'; }

# Runs wrk; prints "req/s p50 p99 bytes-per-answer errors" and keeps the raw output.
run_wrk() {
  local name
  name=$(echo "$1" | tr -c 'A-Za-z0-9.-' '_'); shift
  wrk --latency -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "$@" > "$T/wrk-$name.txt" 2>&1 || true
  local rps p50 p99 requests bytes errors
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$T/wrk-$name.txt")
  p50=$(awk '$1 == "50%" { print $2 }' "$T/wrk-$name.txt" | to_ms)
  p99=$(awk '$1 == "99%" { print $2 }' "$T/wrk-$name.txt" | to_ms)
  requests=$(awk '/requests in/ { print $1 }' "$T/wrk-$name.txt")
  bytes=$(awk '/requests in/ { print $5 }' "$T/wrk-$name.txt" | tr -d ',' | to_bytes)
  errors=$(awk '/Non-2xx or 3xx/ { n += $NF } /Socket errors/ { n += 1 } END { print n + 0 }' "$T/wrk-$name.txt")
  echo "${rps:-0} ${p50:-nan} ${p99:-nan} $(( ${bytes:-0} / (${requests:-0} > 0 ? ${requests:-1} : 1) )) $errors"
  { echo "### wrk $name: $*"; cat "$T/wrk-$name.txt"; } >> "$T/raw.txt"
}
status_of() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
etag_of() { curl -s -D - -o /dev/null "$1" | awk -F': ' 'tolower($1) == "etag" { sub(/\r$/, "", $2); print $2 }'; }

mkdir -p "$(dirname "$OUT")"
exec > >(tee "$OUT") 2>&1
echo "# StatusKit serve vs nginx on 127.0.0.1 ($(git rev-parse --short HEAD 2>/dev/null || echo unknown))"
echo "# $(load)"
echo "# $(nproc) cores; $(java -version 2>&1 | head -1); $("$NGINX" -v 2>&1); $(wrk -v 2>&1 | head -1)"
echo "# wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, no Accept-Encoding (identity bodies on both)"

# --- the board, its export, nginx, serve ---------------------------------------------------------
# The NinerNet sample, seeded into a new journal by a first export; then both read it with one
# config (the same base URL, so the same absolute links in feeds; its server is never probed).
java -jar "$JAR" export --out "$T/seed" --data "$T/data" > "$T/export.log" 2>&1
cat > "$T/bench.yaml" <<EOF
page:
  name: NinerNet Communications
  baseUrl: https://status.example.net/
servers:
  - id: NC023
    name: not probed (serve --no-probes)
    probes:
      - type: tcp
        host: 127.0.0.1
        port: 9
EOF
java -jar "$JAR" export --config "$T/bench.yaml" --out "$T/site" --data "$T/data" >> "$T/export.log" 2>&1
chmod -R a+rX "$T/site"
NGINX_PORT=$(free_port)
mkdir -p "$T/nginx/logs" "$T/nginx/tmp"
cat > "$T/nginx/nginx.conf" <<EOF
worker_processes $(nproc);
daemon off;
pid $T/nginx/nginx.pid;
error_log $T/nginx/logs/error.log;
events { worker_connections 8192; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  types { application/rss+xml rss; application/atom+xml atom; }
  access_log $T/nginx/logs/access.log combined;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $T/nginx/tmp/body;
  proxy_temp_path $T/nginx/tmp/proxy;
  fastcgi_temp_path $T/nginx/tmp/fastcgi;
  uwsgi_temp_path $T/nginx/tmp/uwsgi;
  scgi_temp_path $T/nginx/tmp/scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $T/site;
  }
}
EOF
"$NGINX" -p "$T/nginx" -c "$T/nginx/nginx.conf" > "$T/nginx/stdout.log" 2>&1 &
PIDS+=($!)
# A copy of the journal for the base serve (a journal has one writer: its directory is locked).
[ -n "$BASE_JAR" ] && cp -r "$T/data" "$T/data-base"
SERVE_PORT=$(free_port)
# The same journal the export was written from; --no-probes keeps the board as exported.
java -jar "$JAR" serve --port "$SERVE_PORT" --config "$T/bench.yaml" --data "$T/data" --no-probes > "$T/serve.log" 2>&1 &
PIDS+=($!)
if [ -n "$BASE_JAR" ]; then
  BASE_PORT=$(free_port)
  java -jar "$BASE_JAR" serve --port "$BASE_PORT" --config "$T/bench.yaml" --data "$T/data-base" --no-probes > "$T/serve-base.log" 2>&1 &
  PIDS+=($!)
fi
await_url "http://127.0.0.1:$NGINX_PORT/"
await_url "http://127.0.0.1:$SERVE_PORT/readyz"
[ -z "$BASE_JAR" ] || await_url "http://127.0.0.1:$BASE_PORT/readyz"

echo
echo "## Same bytes: each route's body from serve and from nginx"
for route in "${ROUTES[@]}"; do
  curl -s "http://127.0.0.1:$SERVE_PORT$route" > "$T/a"
  curl -s "http://127.0.0.1:$NGINX_PORT$route" > "$T/b"
  if cmp -s "$T/a" "$T/b"; then
    same="the same bytes"
  else
    lines=$(diff "$T/a" "$T/b" | grep -c '^<' || true)
    first=$(diff "$T/a" "$T/b" | grep -m1 '^<' | cut -c1-120 || true)
    same="different: $lines lines differ, first: $first"
  fi
  echo "- \`$route\`: nginx $(wc -c < "$T/b") bytes, serve $(wc -c < "$T/a") bytes, $same"
done

echo
if part throughput; then
echo "## Warm-up: 5 s per route on each server (not reported)"
for route in "${ROUTES[@]}"; do
  wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "http://127.0.0.1:$SERVE_PORT$route" > /dev/null 2>&1 || true
  [ -z "$BASE_JAR" ] || wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "http://127.0.0.1:$BASE_PORT$route" > /dev/null 2>&1 || true
  wrk -t"$THREADS" -c"$CONNECTIONS" -d2s "http://127.0.0.1:$NGINX_PORT$route" > /dev/null 2>&1 || true
done
echo "# $(load)"

echo
echo "## Throughput and latency (one wrk run each; the servers alternate route by route)"
[ -z "$BASE_JAR" ] || echo "# base: serve from $BASE_JAR; serve: from $JAR (each on its own copy of the journal)"
# One wrk run against one server; a conditional run fetches the server's ETag right before it
# (for serve, in a minute with time left for the whole run: pages get a new ETag when the minute
# turns) and checks that the server answers 304 to it. Prints "req/s p50 p99 bytes errors".
measure() {
  local who=$1 port=$2 route=$3 conditional=$4
  local args=("http://127.0.0.1:$port$route")
  if [ "$conditional" = yes ]; then
    if [ "$who" != nginx ]; then
      local left=$(( 60 - 10#$(date -u +%S) ))
      if [ "$left" -lt $(( DURATION_S + 3 )) ]; then sleep $(( left + 1 )); fi
    fi
    local etag s
    etag=$(etag_of "http://127.0.0.1:$port$route")
    s=$(status_of -H "If-None-Match: $etag" "http://127.0.0.1:$port$route")
    [ "$s" = 304 ] || echo "warning: $who answers $s, not 304, to $route with its ETag $etag" >&2
    args=(-H "If-None-Match: $etag" "${args[@]}")
  fi
  run_wrk "$who$route$conditional" "${args[@]}"
}
DURATION_S=$(echo "$DURATION" | awk '{ v = $1; m = 1; if (v ~ /m$/) m = 60; sub(/[sm]$/, "", v); print int(v * m) }')
[ "$DURATION_S" -le 55 ] || echo "warning: DURATION $DURATION spans a minute's turn: serve's 304 runs of HTML pages will see new ETags" >&2
if [ -z "$BASE_JAR" ]; then
  printf '| %-44s | %10s | %8s | %8s | %10s | %8s | %8s | %9s | %s |\n' route "nginx req/s" "p50 ms" "p99 ms" "serve req/s" "p50 ms" "p99 ms" "ratio" "bytes/answer (nginx, serve); errors"
  printf '|%s|\n' "---|---:|---:|---:|---:|---:|---:|---:|---"
else
  printf '| %-44s | %10s | %8s | %8s | %10s | %8s | %8s | %9s | %10s | %8s | %8s | %9s | %s |\n' route "nginx req/s" "p50 ms" "p99 ms" "base req/s" "p50 ms" "p99 ms" "base ratio" "serve req/s" "p50 ms" "p99 ms" "ratio" "bytes/answer (nginx, base, serve); errors"
  printf '|%s|\n' "---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---"
fi
ratio_of() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f %%", 100 * a / b; else print "n/a" }'; }
for route in "${ROUTES[@]}"; do
  for conditional in "${CONDITIONS[@]}"; do
    label=$route
    [ "$conditional" = yes ] && label="$route (If-None-Match: 304)"
    read -r n_rps n_p50 n_p99 n_bytes n_err < <(measure nginx "$NGINX_PORT" "$route" "$conditional")
    if [ -n "$BASE_JAR" ]; then
      read -r b_rps b_p50 b_p99 b_bytes b_err < <(measure base "$BASE_PORT" "$route" "$conditional")
    fi
    read -r s_rps s_p50 s_p99 s_bytes s_err < <(measure serve "$SERVE_PORT" "$route" "$conditional")
    if [ -z "$BASE_JAR" ]; then
      printf '| %-44s | %10s | %8s | %8s | %10s | %8s | %8s | %9s | %s, %s; %s, %s |\n' \
        "\`$label\`" "$n_rps" "$n_p50" "$n_p99" "$s_rps" "$s_p50" "$s_p99" "$(ratio_of "$s_rps" "$n_rps")" "$n_bytes" "$s_bytes" "$n_err" "$s_err"
    else
      printf '| %-44s | %10s | %8s | %8s | %10s | %8s | %8s | %9s | %10s | %8s | %8s | %9s | %s, %s, %s; %s, %s, %s |\n' \
        "\`$label\`" "$n_rps" "$n_p50" "$n_p99" "$b_rps" "$b_p50" "$b_p99" "$(ratio_of "$b_rps" "$n_rps")" \
        "$s_rps" "$s_p50" "$s_p99" "$(ratio_of "$s_rps" "$n_rps")" "$n_bytes" "$b_bytes" "$s_bytes" "$n_err" "$b_err" "$s_err"
    fi
  done
done
echo "# $(load)"
echo "# bytes/answer is wrk's bytes read / requests (headers included): a 304 run that ever got a 200 shows it here"
fi

# --- slow clients ---------------------------------------------------------------------------------
slow_section() {
  local who=$1 port=$2
  local quiet_paced quiet_wrk slow_paced slow_wrk
  quiet_paced=$(python3 benchmarks/paced-latency.py 127.0.0.1 "$port" / 100 10)
  read -r _ q50 q99 _ _ < <(run_wrk "$who-quiet" -c10 "http://127.0.0.1:$port/")
  python3 benchmarks/slow-clients.py 127.0.0.1 "$port" "$SLOW" 40 3 50 > "$T/slow-$who.txt" 2> "$T/slow-$who.err" &
  local slow_pid=$!
  PIDS+=("$slow_pid")
  sleep 8   # all connected and trickling
  slow_paced=$(python3 benchmarks/paced-latency.py 127.0.0.1 "$port" / 100 10)
  read -r _ s50 s99 _ _ < <(run_wrk "$who-slow" -c10 "http://127.0.0.1:$port/")
  local open_now
  open_now=$(ss -Htn state established "( dport = :$port )" 2>/dev/null | grep -c '127\.0\.1\.' || true)
  wait "$slow_pid" || true
  echo "| $who | quiet | $quiet_paced | $q50 | $q99 |"
  echo "| $who | $SLOW slow clients ($open_now slow connections open after the runs) | $slow_paced | $s50 | $s99 |"
  echo "|   |   | $(tail -1 "$T/slow-$who.txt") | | |"
}
if part slow; then
echo
echo "## $SLOW slow clients (one byte every 3 s, from 127.0.1.x, 50 per address, reconnecting when closed)"
echo "# paced: one keep-alive connection, 100 GET / per second for 10 s, latency from when each was due (ms)"
echo "# wrk: -c10 -d$DURATION GET / (p50, p99 ms)"
echo "| server | clients | paced | wrk p50 | wrk p99 |"
echo "|---|---|---|---:|---:|"
slow_section serve "$SERVE_PORT"
slow_section nginx "$NGINX_PORT"
echo "# $(load)"
fi

# --- a board of 10,000 incidents under -Xmx256m -------------------------------------------------
for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
PIDS=()
if part big; then
echo
echo "## A board of $INCIDENTS incidents, serve under -Xmx256m"
java -cp "$BENCH_JAR" io.statuskit.benchmarks.LargeBoard "$INCIDENTS" "$T/big"
java -Xmx256m -jar "$JAR" export --out "$T/bigsite" --data "$T/big" > "$T/bigexport.log" 2>&1 \
  && echo "export under -Xmx256m: $(tail -1 "$T/bigexport.log")" || { echo "export failed:"; tail -5 "$T/bigexport.log"; }
BIG_PORT=$(free_port)
java -Xmx256m -XX:+ExitOnOutOfMemoryError -Xlog:gc:file="$T/big-gc.log" -jar "$JAR" serve --port "$BIG_PORT" --data "$T/big" --no-probes \
  > "$T/big-serve.log" 2>&1 &
BIG_PID=$!
PIDS+=("$BIG_PID")
await_url "http://127.0.0.1:$BIG_PORT/readyz"
# Every exported file is a route: a directory's index.html is its directory. Each page is rendered
# on its first request, so asking for all 16,000 takes many minutes; every ROUTE_STEP-th (of the
# sorted list, so every kind of route is among them) and the routes of the table above are asked.
ROUTE_STEP=${ROUTE_STEP:-20}
(cd "$T/bigsite" && find . -type f | sed -e 's|^\.||' -e 's|index\.html$||' | sort) > "$T/big-all-routes.txt"
awk -v step="$ROUTE_STEP" 'NR % step == 1' "$T/big-all-routes.txt" > "$T/big-routes.txt"
printf '%s\n' / /incidents/inc-0009999/ /history.rss /history.atom /history.json /api/v2/summary.json "/search?q=spam" "/?page=2" >> "$T/big-routes.txt"
started=$(date +%s)
# One curl per 500 routes (keep-alive), each body to /dev/null, one status code a line.
split -l 500 "$T/big-routes.txt" "$T/big-chunk."
for chunk in "$T"/big-chunk.*; do
  awk -v base="http://127.0.0.1:$BIG_PORT" '{ printf "url = \"%s%s\"\noutput = \"/dev/null\"\n", base, $0 }' "$chunk" > "$chunk.curl"
  curl -s -w '%{http_code}\n' -K "$chunk.curl" >> "$T/big-codes.txt" || true
done
elapsed=$(( $(date +%s) - started ))
routes=$(wc -l < "$T/big-routes.txt")
ok=$(grep -c '^200$' "$T/big-codes.txt" || true)
echo "routes asked: $routes of the export's $(wc -l < "$T/big-all-routes.txt") (every $ROUTE_STEP-th, the table's routes, a search, page 2); answered 200: $ok; other: $(grep -v '^200$' "$T/big-codes.txt" | sort | uniq -c | tr '\n' ' ') ($elapsed s, one request each, sequential, each rendered on its first request)"
echo "| route | req/s | p50 ms | p99 ms | bytes/answer |"
echo "|---|---:|---:|---:|---:|"
for route in / /history.rss /api/v2/summary.json; do
  read -r rps p50 p99 bytes _ < <(run_wrk "big$route" "http://127.0.0.1:$BIG_PORT$route")
  echo "| \`$route\` | $rps | $p50 | $p99 | $bytes |"
done
if kill -0 "$BIG_PID" 2>/dev/null; then
  echo "serve under -Xmx256m still up after every route and the wrk runs"
  jcmd "$BIG_PID" GC.run > /dev/null 2>&1 || true
  sleep 1
  echo "heap after a full GC: $(jcmd "$BIG_PID" GC.heap_info 2>/dev/null | grep -E 'garbage-first heap|used' | head -1 | sed 's/^ *//')"
  echo "peak heap after any GC (from -Xlog:gc): $(grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$T/big-gc.log" | sed -E 's/.*->([0-9]+)M.*/\1/' | sort -n | tail -1) MB"
  echo "GC pauses: $(grep -c 'Pause' "$T/big-gc.log" || true), of which full: $(grep -c 'Pause Full' "$T/big-gc.log" || true)"
else
  echo "serve under -Xmx256m DIED:"; tail -5 "$T/big-serve.log"
fi
echo "# $(load)"
fi
[ ! -f "$T/raw.txt" ] || cp "$T/raw.txt" "${OUT%.txt}-raw.txt"
