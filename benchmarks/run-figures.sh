#!/usr/bin/env bash
# Runs every benchmark group the way docs/benchmarks.md reports it and writes the raw output to
# benchmarks/results/ (or $OUT). Build first: mvn -B -q -pl benchmarks -am package -DskipTests
# Takes about 30 minutes on an idle machine. Set BENCH_DIR to a directory on a real disk for the fsync figures.
set -uo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-benchmarks/target/benchmarks.jar}
OUT=${OUT:-benchmarks/results}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}}
mkdir -p "$OUT"
CPU="-prof io.statuskit.benchmarks.CpuProfiler"

machine() {
  echo "# $(date -u +%FT%TZ) load: $(cat /proc/loadavg)"
}

{
  machine
  nproc
  lscpu | head -20
  java -version 2>&1
  echo "ulimit -n: $(ulimit -n)"
} > "$OUT/machine.txt"

run() {
  local name=$1; shift
  { machine; echo "# java -jar $JAR $*"; java -Dstatuskit.bench.dir="$BENCH_DIR" -jar "$JAR" "$@" 2>&1; machine; } > "$OUT/$name.txt"
}

{ machine; java -Xmx64m -cp "$JAR" io.statuskit.benchmarks.MillionEntryFeed statuskit rss; echo "exit $?"; } > "$OUT/million-statuskit.txt" 2>&1
{ machine; java -Xmx64m -cp "$JAR" io.statuskit.benchmarks.MillionEntryFeed rome rss; echo "exit $?"; } > "$OUT/million-rome.txt" 2>&1
run feeds 'FeedBenchmark' $CPU -prof gc
run summary 'SummaryBenchmark' $CPU -prof gc
run probes-tcp 'TcpProbeBenchmark' $CPU
run probes-http-tls 'HttpTlsProbeBenchmark' $CPU
run probes-tls-interference 'TlsInterferenceBenchmark'
run probes-mixed-round 'MixedRoundBenchmark' $CPU
run durable 'DurableWriteBenchmark' $CPU -jvmArgsAppend "-Dstatuskit.bench.dir=$BENCH_DIR"
{ machine; java -cp "$JAR" io.statuskit.benchmarks.ProbeSoak 10000 5 10 1000; machine; } > "$OUT/probe-soak.txt" 2>&1
run core 'TrackerBenchmark|UptimeBenchmark|BoardQueryBenchmark' $CPU -prof gc
run page 'FrontPageBenchmark' $CPU -prof gc
run recovery 'RecoveryBenchmark' -jvmArgsAppend "-Dstatuskit.bench.dir=$BENCH_DIR"

