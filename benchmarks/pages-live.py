#!/usr/bin/env python3
"""Pages while events stream in, on loopback: first views after a (re)start, warm views while quiet, then views while one
client sends touchpoints to /api/v1/events at a fixed rate. Stops by itself.

    pages-live.py URL --pages /a,/b,... [--rate 1000] [--batch 100] [--seconds 120] [--quiet-rounds 3]
    pages-live.py URL --pages /a,/b,... --first-only      (after a restart: phase 1 only)

1. First views: each page once, in the order given, as the first request after the server answered /health.
2. Quiet: every page --quiet-rounds more times, round-robin, nothing else running.
3. Streaming: a sender POSTs --batch new touchpoints (timestamps now, fresh ids) every batch/rate seconds on a fixed
   schedule, while one reader requests the pages round-robin, one after the other, for --seconds.
Prints one JSON object: per page the first view's ms, the quiet views' and the streaming views' latencies (p50, p95, max,
count) and the status codes; the sender's events/s, request latencies and status codes. A page answered with anything
but 200 is counted and reported, never timed as a success. With --first-only: each page's first view's ms, status and
whether it showed last figures (the notice "counted ... ago")."""
import argparse
import http.client
import json
import random
import threading
import time
import urllib.parse

parser = argparse.ArgumentParser()
parser.add_argument("url")
parser.add_argument("--pages", required=True)
parser.add_argument("--rate", type=float, default=1000)
parser.add_argument("--batch", type=int, default=100)
parser.add_argument("--seconds", type=float, default=120)
parser.add_argument("--quiet-rounds", type=int, default=3)
parser.add_argument("--first-only", action="store_true")
args = parser.parse_args()
if not (0 < args.rate <= 100_000 and 1 <= args.batch <= 10_000 and 0 < args.seconds <= 3600):
    parser.error("rate up to 100000, batch 1..10000, seconds up to 3600")

target = urllib.parse.urlsplit(args.url)
if target.hostname not in ("127.0.0.1", "localhost", "::1"):
    parser.error("loopback only")
pages = [p for p in args.pages.split(",") if p]


def connect():
    return http.client.HTTPConnection(target.hostname, target.port, timeout=300)


def view(connection, page, body=None):
    """(ms, status) of one GET, the body read whole (and kept in body["text"] when given)."""
    start = time.perf_counter()
    connection.request("GET", page)
    response = connection.getresponse()
    text = response.read()
    if body is not None:
        body["text"] = text
    return (time.perf_counter() - start) * 1000, response.status


def stats(values):
    if not values:
        return {"p50": None, "p95": None, "max": None, "count": 0}
    ordered = sorted(values)

    def pct(p):
        return round(ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))], 1)

    return {"p50": pct(50), "p95": pct(95), "max": round(ordered[-1], 1), "count": len(ordered)}


result = {"pages": {p: {"first_ms": None, "quiet": [], "streaming": [], "statuses": {}} for p in pages}}


def record(page, phase, ms, status):
    entry = result["pages"][page]
    entry["statuses"][str(status)] = entry["statuses"].get(str(status), 0) + 1
    if status != 200:
        return
    if phase == "first":
        entry["first_ms"] = round(ms, 1)
    else:
        entry[phase].append(ms)


reader = connect()
if args.first_only:
    first = {}
    for page in pages:
        body = {}
        ms, status = view(reader, page, body)
        first[page] = {"first_ms": round(ms, 1) if status == 200 else None, "status": status, "last_figures": b'id="figures-as-of"' in body["text"]}
    print(json.dumps({"pages": first}))
    raise SystemExit(0)

for page in pages:
    record(page, "first", *view(reader, page))
for _ in range(args.quiet_rounds):
    for page in pages:
        record(page, "quiet", *view(reader, page))

run = "%x" % random.SystemRandom().getrandbits(40)
channels = ["search", "social", "email", "display", "video", "referral", "affiliate", "wechat"]
types = ["impression", "click", "visit"]
sent = {"rows": 0, "latencies": [], "statuses": {}}
stop = threading.Event()


def sender():
    rng = random.Random(7)
    connection = connect()
    gap = args.batch / args.rate
    due = time.perf_counter()
    n = 0
    while not stop.is_set():
        now = time.time()
        body = json.dumps([
            {"kind": "touchpoints", "touchpoint_id": f"live-{run}-{n}-{i}", "user_id": f"live-u{rng.randrange(50_000)}",
             "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now - rng.random() * 60)),
             "channel": channels[rng.randrange(len(channels))], "type": types[rng.randrange(len(types))]}
            for i in range(args.batch)
        ]).encode()
        wait = due - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
        connection.request("POST", target.path.rstrip("/") + "/api/v1/events", body, {"Content-Type": "application/json"})
        response = connection.getresponse()
        response.read()
        # Latency from when the request was due: a server that stalls is charged for the requests it delayed.
        sent["latencies"].append((time.perf_counter() - due) * 1000)
        sent["statuses"][str(response.status)] = sent["statuses"].get(str(response.status), 0) + 1
        if response.status == 200:
            sent["rows"] += args.batch
        due += gap
        n += 1


thread = threading.Thread(target=sender, daemon=True)
started = time.perf_counter()
thread.start()
i = 0
while time.perf_counter() - started < args.seconds:
    page = pages[i % len(pages)]
    record(page, "streaming", *view(reader, page))
    i += 1
stop.set()
thread.join(timeout=60)
elapsed = time.perf_counter() - started

print(json.dumps({
    "pages": {p: {"first_ms": e["first_ms"], "quiet": stats(e["quiet"]), "streaming": stats(e["streaming"]), "statuses": e["statuses"]}
              for p, e in result["pages"].items()},
    "all_streaming": stats([ms for e in result["pages"].values() for ms in e["streaming"]]),
    "sender": {"events_per_s": round(sent["rows"] / elapsed), "requests": stats(sent["latencies"]), "statuses": sent["statuses"]},
    "seconds": round(elapsed, 1),
}))
