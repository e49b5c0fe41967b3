#!/usr/bin/env bash
# Event ingestion under load: CLIENTS concurrent clients POST touchpoints to `mercato serve` on loopback for SECONDS_EACH
# seconds per endpoint, then stop by themselves (benchmarks/events-load.py does the sending and the counting).
#
#   benchmarks/events-load.sh                      8 clients x 500 rows, 60 s, on /api/v1/events and /api/v1/import/touchpoints
#   SECONDS_EACH=600 benchmarks/events-load.sh     ten minutes each: is the server's memory flat? (RSS every tenth of the run below the table)
#   ENDPOINTS=events benchmarks/events-load.sh     only one endpoint (events or import)
#   CLIENTS=1 ROWS=100 benchmarks/events-load.sh   other shapes
#   BAD=1 benchmarks/events-load.sh                one more client sending a malformed row in every request, at full speed
#   BASELINE=DIR benchmarks/events-load.sh         also the CLI built from DIR (a checkout of an older commit), same run
#   RATE=50000 benchmarks/events-load.sh            the clients offer 50,000 events/s in all on a fixed schedule (latency counted
#                                                  from when each request was due) instead of sending as fast as answered
#   WARMUP=10 benchmarks/events-load.sh            seconds of load sent before the measured SECONDS_EACH (JIT, first merges), not counted
#   QUEUE=1 benchmarks/events-load.sh              requests say ?queue=true (answered 202 once durable in the ingest queue);
#                                                  also waits for the queue to drain and prints the merged rate and the lag
#
# Each build serves a fresh data directory holding the small demo (`mercato demo`), --no-auth, on 127.0.0.1:PORT. Every
# request carries new touchpoint ids, so every row is added. Prints a markdown table: committed events per second,
# request latency percentiles, the server's CPU time per 1,000 events, its resident memory (first, last and highest sample, every 5 s) and the answers.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
SECONDS_EACH=${SECONDS_EACH:-60}
CLIENTS=${CLIENTS:-8}
ROWS=${ROWS:-500}
PORT=${PORT:-5437}
ENDPOINTS=${ENDPOINTS:-events import}
BAD_CLIENTS=$([[ ${BAD:-0} == 1 ]] && echo 1 || echo 0)
QUEUE_FLAG=$([[ ${QUEUE:-0} == 1 ]] && echo --queue || true)
RATE=${RATE:-0}
WARMUP=${WARMUP:-10}

# shellcheck source=lib.sh
source "$ROOT/benchmarks/lib.sh"
scratch events
require python3 dotnet curl
build_cli
build_baseline

# load LABEL BUILT CMD... : serves a fresh small demo with CMD, loads each endpoint, prints one row per endpoint.
load() {
    local label=$1 built=$2
    shift 2
    local dir=$WORK/$label
    "$@" demo --data-dir "$dir" >"$WORK/$label-demo.log" 2>&1
    "$@" serve --no-auth --data-dir "$dir" --urls "http://127.0.0.1:$PORT" >"$WORK/$label-serve.log" 2>&1 &
    local pid=$! waited=0
    until curl -sf "http://127.0.0.1:$PORT/health" >/dev/null; do
        kill -0 "$pid" 2>/dev/null || { cat "$WORK/$label-serve.log" >&2; echo "serve exited" >&2; exit 1; }
        sleep 0.5
        waited=$((waited + 1))
        [[ $waited -lt 240 ]] || { echo "serve did not answer in 120 s" >&2; kill "$pid"; exit 1; }
    done
    for endpoint in $ENDPOINTS; do
        python3 "$ROOT/benchmarks/events-load.py" "http://127.0.0.1:$PORT" --clients "$CLIENTS" --rows "$ROWS" --seconds "$SECONDS_EACH" \
            --endpoint "$endpoint" --bad-clients "$BAD_CLIENTS" --pid "$pid" --rate "$RATE" --warmup "$WARMUP" $QUEUE_FLAG >"$WORK/$label-$endpoint.json"
        python3 - "$built" "$WORK/$label-$endpoint.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[2]))
m = r["rss_mb"] or {"first": "?", "last": "?", "max": "?"}
path = "/api/v1/events" if r["endpoint"] == "events" else "/api/v1/import/touchpoints"
answers = ", ".join(f"{k}: {v}" for k, v in sorted(r["statuses"].items()))
print(f"| {sys.argv[1]} | {path} | {r['clients']} x {r['rows_per_request']} | {r['events_per_s']:,} | {r['p50_ms']} | {r['p95_ms']} | "
      f"{r['p99_ms']} | {r['max_ms']} | {r['server_cpu_ms_per_1k_events']} | {m['first']} / {m['last']} / {m['max']} | {answers} |")
if m.get("tenths"):
    print(f"RSS MB at each tenth of the run, {sys.argv[1]} {path}: " + " ".join(str(x) for x in m["tenths"]), file=sys.stderr)
print(f"p99 ms in each tenth of the measured run, {sys.argv[1]} {path}: " + " ".join(str(x) for x in r["p99_ms_each_tenth"]), file=sys.stderr)
if r.get("queue"):
    print(f"Queued ({sys.argv[1]} {path}): accepted {r['events_per_s']:,} events/s; every accepted row merged {r['drain_s']} s after the last request, "
          f"{r['merged_per_s']:,} events/s merged from the first request to the last merge; rows waiting every 5 s: "
          + " ".join(str(x) for x in r["queue_rows_every_5s"]), file=sys.stderr)
PY
    done
    kill "$pid"
    wait "$pid" 2>/dev/null || true
}

machine
echo "Each endpoint loaded for $WARMUP s of warm-up (sent, not counted), then $SECONDS_EACH s measured; bad clients: $BAD_CLIENTS; offered rate: $([[ $RATE == 0 ]] && echo 'as fast as answered' || echo "$RATE events/s"); queue: ${QUEUE:-0}."
echo
echo "| build | endpoint | clients x rows | events/s | p50 ms | p95 ms | p99 ms | max ms | server CPU ms / 1k events | RSS MB first / last / max | answers |"
echo "|---|---|---|---:|---:|---:|---:|---:|---:|---|---|"
if [[ ${#BASE[@]} -gt 0 ]]; then
    load baseline "$BASE_BUILT" "${BASE[@]}"
fi
load current "$BUILT" "${MERCATO[@]}"
