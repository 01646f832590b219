#!/usr/bin/env python3
"""Slow clients for benchmarks/http-vs-nginx.sh: holds N connections to HOST:PORT, each sending a
request one byte every INTERVAL seconds (a slow-loris attack), for DURATION seconds, then exits.

A connection the server closes is opened again, so N stay open as far as the server lets them.
Connections come from 127.0.1.1, 127.0.1.2, ... (at most PER_ADDRESS each; the whole of 127/8 is
the loopback on Linux), so a per-address cap does not refuse them all at once: the server must
cope with them as it would with many attackers. Everything is bounded by DURATION.

usage: slow-clients.py HOST PORT N DURATION [INTERVAL=3] [PER_ADDRESS=50]
Prints one line of counts at the end (and one every 5 s on stderr).
"""
import asyncio
import sys
import time

REQUEST = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow-client\r\nAccept: */*\r\n"


async def main():
    host, port, count, duration = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    interval = float(sys.argv[5]) if len(sys.argv) > 5 else 3.0
    per_address = int(sys.argv[6]) if len(sys.argv) > 6 else 50
    deadline = time.monotonic() + duration
    stats = {"connects": 0, "failed": 0, "closed_by_server": 0, "open": 0, "bytes": 0}

    async def client(index):
        source = "127.0.1.%d" % (1 + index // per_address)
        while time.monotonic() < deadline:
            try:
                reader, writer = await asyncio.wait_for(
                    asyncio.open_connection(host, port, local_addr=(source, 0)), timeout=5)
            except (OSError, asyncio.TimeoutError):
                stats["failed"] += 1
                await asyncio.sleep(min(1.0, max(0.0, deadline - time.monotonic())))
                continue
            stats["connects"] += 1
            stats["open"] += 1
            try:
                sent = 0
                while time.monotonic() < deadline:
                    writer.write(REQUEST[sent % len(REQUEST):sent % len(REQUEST) + 1])
                    await writer.drain()
                    sent += 1
                    stats["bytes"] += 1
                    try:
                        # A read that returns (EOF or an error answer) means the server gave up on us.
                        await asyncio.wait_for(reader.read(1024), timeout=min(interval, max(0.01, deadline - time.monotonic())))
                        stats["closed_by_server"] += 1
                        break
                    except asyncio.TimeoutError:
                        pass
            except OSError:
                stats["closed_by_server"] += 1
            finally:
                stats["open"] -= 1
                writer.close()

    async def report():
        while time.monotonic() < deadline:
            await asyncio.sleep(5)
            print("slow-clients: %s" % stats, file=sys.stderr, flush=True)

    tasks = []
    for i in range(count):
        tasks.append(asyncio.create_task(client(i)))
        if i % 100 == 99:
            await asyncio.sleep(0.01)  # do not flood the accept queue in one burst
    reporter = asyncio.create_task(report())
    await asyncio.gather(*tasks, return_exceptions=True)
    reporter.cancel()
    print("slow-clients: %d wanted, %d connects, %d failed connects, %d closed by the server, %d bytes sent"
          % (count, stats["connects"], stats["failed"], stats["closed_by_server"], stats["bytes"]), flush=True)


if __name__ == "__main__":
    asyncio.run(main())
