#!/usr/bin/env python3
"""Bounded event load on loopback: CLIENTS threads each POST arrays of ROWS touchpoints to /api/v1/events (or CSV bodies to
/api/v1/import/touchpoints) over one kept-alive connection, for SECONDS, then stop by themselves.

    events-load.py URL [--clients 8] [--rows 500] [--seconds 60] [--endpoint events|import] [--bad-clients 0] [--pid PID] [--queue]

Every row has a fresh touchpoint id (a per-run prefix, the client and a counter), so every request adds rows. A "bad"
client sends the same shape with one malformed timestamp per request at full speed; its requests must all get 422 and
the good ones 200. Prints one JSON object: events/s committed, request latencies (p50, p95, p99, max), status counts,
and, with --pid, the server's resident memory sampled every 5 s (first, last, max).

With --queue the requests say ?queue=true: a good one is answered 202 once its rows are durable in the ingest queue, and
the merger writes them into the store afterwards. Then "events_per_s" counts rows accepted, and the run also waits for
the queue to drain and reports "merged_per_s": every accepted row in the store, over the time from the first request to
the queue's last merge, and the queue's depth (rows waiting) every 5 s."""
import argparse
import http.client
import json
import os
import random
import threading
import time
import urllib.parse

parser = argparse.ArgumentParser()
parser.add_argument("url")
parser.add_argument("--clients", type=int, default=8)
parser.add_argument("--rows", type=int, default=500)
parser.add_argument("--seconds", type=float, default=60)
parser.add_argument("--endpoint", choices=["events", "import"], default="events")
parser.add_argument("--bad-clients", type=int, default=0)
parser.add_argument("--pid", type=int)
parser.add_argument("--queue", action="store_true")
parser.add_argument("--warmup", type=float, default=0, help="seconds of load before the measured SECONDS (sent, not counted)")
parser.add_argument("--rate", type=float, default=0, help="offered events/s in all (0: every client sends as fast as it is answered)")
args = parser.parse_args()
if not (1 <= args.clients <= 64 and 1 <= args.rows <= 100_000 and 0 < args.seconds <= 3600):
    parser.error("clients 1..64, rows 1..100000, seconds up to 3600")

target = urllib.parse.urlsplit(args.url)
if target.hostname not in ("127.0.0.1", "localhost", "::1"):
    parser.error("loopback only")

run = "%x" % random.SystemRandom().getrandbits(40)
channels = ["search", "social", "email", "display", "video", "referral", "affiliate", "wechat"]
types = ["impression", "click", "visit"]
base_ms = int(time.mktime((2026, 11, 1, 0, 0, 0, 0, 0, 0))) * 1000


def template(seed, bad):
    """One request body with "@@" where each request puts its own id prefix: made once, so the client spends its time
    sending rather than building JSON."""
    rng = random.Random(seed)
    rows = []
    for i in range(args.rows):
        ts = base_ms + rng.randrange(0, 30 * 86_400_000)
        stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts / 1000))
        if bad and i == args.rows // 2:
            stamp = "not-a-time"
        rows.append((f"ld-@@-{i}", f"u{rng.randrange(200_000)}", stamp, channels[rng.randrange(8)], types[rng.randrange(3)]))
    if args.endpoint == "events":
        return "application/json", json.dumps([
            {"kind": "touchpoints", "touchpoint_id": t, "user_id": u, "timestamp": s, "channel": c, "type": k} for t, u, s, c, k in rows
        ]).encode()
    lines = ["touchpoint_id,user_id,timestamp,channel,type"] + [",".join(r) for r in rows]
    return "text/csv", ("\n".join(lines) + "\n").encode()


templates = [template(seed, False) for seed in range(16)]
bad_template = template(99, True)


def body(client, n, bad):
    kind, payload = bad_template if bad else templates[(client + n) % len(templates)]
    return kind, payload.replace(b"@@", f"{run}-{client}-{n}".encode())


path = target.path.rstrip("/") + ("/api/v1/events" if args.endpoint == "events" else "/api/v1/import/touchpoints") + ("?queue=true" if args.queue else "")
ok = 202 if args.queue else 200
lock = threading.Lock()
latencies, statuses, committed = [], {}, [0]
timeline, began_at = [], [time.monotonic()]
wrong = []
deadline = time.monotonic() + args.warmup + args.seconds
accepted = [0]


def client(index, bad):
    conn = http.client.HTTPConnection(target.hostname, target.port, timeout=120)
    n = 0
    # With --rate each client sends on a fixed schedule, and a request's latency counts from when it was due, so a server
    # that stalls is charged for the requests it delayed (no coordinated omission).
    interval = args.clients * args.rows / args.rate if args.rate > 0 else 0
    first = time.monotonic() + interval * index / max(1, args.clients)
    while time.monotonic() < deadline:
        kind, payload = body(index, n, bad)
        due = first + n * interval
        n += 1
        if interval and not bad:
            if due > time.monotonic():
                time.sleep(due - time.monotonic())
            start = due
        else:
            start = time.monotonic()
        try:
            conn.request("POST", path, payload, {"Content-Type": kind})
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as e:
            status = type(e).__name__
            conn.close()
            conn = http.client.HTTPConnection(target.hostname, target.port, timeout=120)
        took = time.monotonic() - start
        with lock:
            if not bad and status == ok:
                accepted[0] += args.rows
            if start < began_at[0] + args.warmup:
                continue
            statuses[f"{'bad' if bad else 'good'} {status}"] = statuses.get(f"{'bad' if bad else 'good'} {status}", 0) + 1
            if not bad:
                latencies.append(took)
                timeline.append((start - began_at[0] - args.warmup, took))
                if status == ok:
                    committed[0] += args.rows
            if (bad and status != 422) or (not bad and status != ok):
                wrong.append(status)


rss = []
depths = []


def queue_rows():
    conn = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
    conn.request("GET", target.path.rstrip("/") + "/api/v1/import/queue")
    state = json.loads(conn.getresponse().read())
    conn.close()
    return state["rows"]


def cpu_seconds():
    # utime + stime of the server, in clock ticks (fields 14 and 15 of /proc/PID/stat, after the command in parentheses).
    with open(f"/proc/{args.pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def sample():
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{args.pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        rss.append(int(line.split()[1]) // 1024)
        except OSError:
            return
        if args.queue:
            depths.append(queue_rows())
        time.sleep(5)


threads = [threading.Thread(target=client, args=(i, False)) for i in range(args.clients)]
threads += [threading.Thread(target=client, args=(1000 + i, True)) for i in range(args.bad_clients)]
if args.pid:
    threads.append(threading.Thread(target=sample))
cpu_before = cpu_seconds() if args.pid else None
began = time.monotonic()
began_at[0] = began
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.monotonic() - began - args.warmup
merged_after = None
if args.queue:
    # Every accepted row is in the store once the queue is empty (the merger removes bodies after their commit).
    # Gives up after DRAIN_LIMIT seconds (a merger that does not keep up, or does not run), reporting no merged rate.
    drain_deadline = time.monotonic() + float(os.environ.get("DRAIN_LIMIT", "600"))
    while queue_rows() > 0 and time.monotonic() < drain_deadline:
        time.sleep(0.2)
    merged_after = time.monotonic() - began if time.monotonic() < drain_deadline else None
    elapsed_all = time.monotonic() - began
server_cpu = cpu_seconds() - cpu_before if args.pid else None
latencies.sort()


def pct(p):
    return round(latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000, 1) if latencies else None


def p99_each(window):
    # The 99th percentile of the requests due in each WINDOW seconds of the run: is a tail the warm-up or the steady state?
    out = []
    for w in range(int(elapsed // window) + 1):
        xs = sorted(t for at, t in timeline if w * window <= at < (w + 1) * window)
        if xs:
            out.append(round(xs[min(len(xs) - 1, int(0.99 * len(xs)))] * 1000))
    return out


print(json.dumps({
    "p99_ms_each_tenth": p99_each(max(1.0, args.seconds / 10)),
    "endpoint": args.endpoint, "clients": args.clients, "rows_per_request": args.rows, "bad_clients": args.bad_clients,
    "seconds": round(elapsed, 1), "requests": len(latencies), "events_per_s": round(committed[0] / elapsed),
    "queue": args.queue, "offered_per_s": args.rate or None, "merged_per_s": round(accepted[0] / merged_after) if merged_after else None,
    "drain_s": round(merged_after - elapsed - args.warmup, 1) if merged_after else None, "warmup_s": args.warmup,
    "queue_rows_every_5s": depths if args.queue else None,
    "p50_ms": pct(0.50), "p95_ms": pct(0.95), "p99_ms": pct(0.99), "max_ms": round(latencies[-1] * 1000, 1) if latencies else None,
    "server_cpu_s": round(server_cpu, 1) if server_cpu is not None else None,
    "server_cpu_ms_per_1k_events": round(server_cpu * 1e6 / accepted[0], 1) if server_cpu and accepted[0] else None,
    "statuses": statuses, "unexpected": len(wrong),
    "rss_mb": {"first": rss[0], "last": rss[-1], "max": max(rss),
               # one sample per tenth of the run: flat memory is a level line, not a rise to the last sample
               "tenths": [rss[min(len(rss) - 1, i * len(rss) // 10)] for i in range(10)] + [rss[-1]]} if rss else None,
}))
