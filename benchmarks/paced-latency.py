#!/usr/bin/env python3
"""Latency of "normal" requests for benchmarks/http-vs-nginx.sh: one keep-alive connection sends
GET PATH to HOST:PORT at a steady RATE per second for DURATION seconds (not as fast as it can, as
wrk does) and prints the latency percentiles in milliseconds.

usage: paced-latency.py HOST PORT PATH RATE DURATION
prints: requests=N errors=E p50=X p90=X p99=X max=X (ms)
"""
import http.client
import sys
import time


def main():
    host, port, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    rate, duration = float(sys.argv[4]), float(sys.argv[5])
    period = 1.0 / rate
    latencies = []
    errors = 0
    connection = None
    start = time.perf_counter()
    count = int(rate * duration)
    for i in range(count):
        due = start + i * period
        now = time.perf_counter()
        if due > now:
            time.sleep(due - now)
        try:
            if connection is None:
                connection = http.client.HTTPConnection(host, port, timeout=10)
            connection.request("GET", path, headers={"User-Agent": "paced-latency"})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors += 1
            # From when the request was due: a stall delays the requests behind it (no coordinated omission).
            latencies.append((time.perf_counter() - due) * 1000)
        except (OSError, http.client.HTTPException):
            errors += 1
            if connection is not None:
                connection.close()
            connection = None
    if connection is not None:
        connection.close()
    latencies.sort()

    def pct(p):
        if not latencies:
            return float("nan")
        return latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))]

    print("requests=%d errors=%d p50=%.2f p90=%.2f p99=%.2f max=%.2f"
          % (len(latencies), errors, pct(50), pct(90), pct(99), latencies[-1] if latencies else float("nan")))


if __name__ == "__main__":
    main()
