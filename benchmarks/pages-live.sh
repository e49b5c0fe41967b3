#!/usr/bin/env bash
# Pages while data streams in (issue 16, item 5): serves a store holding the demo company, then times every page without
# an id in its address: the first view of each after the start, warm views while quiet, and views while one client sends
# touchpoints to /api/v1/events at RATE events/s (benchmarks/pages-live.py). Loopback only; stops by itself.
#
#   benchmarks/pages-live.sh [SCALE]          default: large (12.6M touchpoints; the demo load takes ~5 minutes); small, medium
#   DATA=DIR benchmarks/pages-live.sh         a data directory already holding the demo (not loaded again; events are added to it)
#   RATE=1000 BATCH=100 SECONDS_EACH=120 ...  the offered events/s, touchpoints per request, seconds of streaming
#   PORT=5441 ...                             the loopback port
#
# It publishes the CLI (publish_cli in lib.sh), loads the demo into a fresh data directory with `mercato demo` (unless
# DATA), starts `mercato serve --no-auth` on it, waits for /health, then runs the three phases; then stops the server
# (the figures it computed are kept in DATA_DIR/figures), starts it again and views each page once more. Prints a markdown
# table per page: first view, quiet p50, streaming p50 / p95 / max and the count of views, the first view after the
# restart (* when it showed last figures while new ones were counted), then the sender's rate and latency.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
SCALE=${1:-large}
[[ $SCALE =~ ^(small|medium|large)$ ]] || { echo "SCALE must be small, medium or large, got '$SCALE'" >&2; exit 64; }
RATE=${RATE:-1000}
BATCH=${BATCH:-100}
SECONDS_EACH=${SECONDS_EACH:-120}
PORT=${PORT:-5441}

# Every page whose address has no id (those with one show one campaign, person, influencer, ... and are left out).
PAGES=/,/measurement,/measurement/models,/measurement/journeys,/measurement/cohorts,/measurement/funnels,/measurement/mix,\
/measurement/mix/plans,/organization,/organization/boundaries,/organization/compare,/organization/scorecards,\
/organization/targets,/campaigns,/campaigns/board,/campaigns/brand,/campaigns/calendar,/campaigns/leaderboard,\
/campaigns/livestreams,/campaigns/people,/campaigns/new,/datacenter,/ad-monitoring,/ad-monitoring/anomalies,\
/ad-monitoring/health,/ad-monitoring/invalid,/influencers,/influencers/ranking,/influencers/audit-followers,/listening,\
/listening/alerts,/listening/cases,/listening/mentions,/audit,/account

# shellcheck source=lib.sh
source "$ROOT/benchmarks/lib.sh"
scratch pages
require python3 dotnet curl
build_cli

if [[ -n ${DATA:-} ]]; then
    data=$DATA
else
    data=$WORK/data
    echo "loading the $SCALE demo ..." >&2
    run demo "${MERCATO[@]}" demo --scale "$SCALE" --data-dir "$data"
    echo "demo loaded in $SECONDS_TAKEN s" >&2
fi

echo "serving $data ..." >&2
before=$EPOCHREALTIME
"${MERCATO[@]}" serve --no-auth --no-demo --data-dir "$data" --urls "http://127.0.0.1:$PORT" >"$WORK/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; scratch_cleanup' EXIT
wait_health() {
    local waited=0
    until curl -sf "http://127.0.0.1:$PORT/health" >/dev/null; do
        kill -0 "$pid" 2>/dev/null || { cat "$WORK/serve.log" >&2; echo "serve exited" >&2; exit 1; }
        sleep 0.2
        waited=$((waited + 1))
        [[ $waited -lt 600 ]] || { echo "serve did not answer in 120 s" >&2; exit 1; }
    done
}
wait_health
up=$(awk -v a="$before" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')

echo "timing the pages ..." >&2
python3 "$ROOT/benchmarks/pages-live.py" "http://127.0.0.1:$PORT" --pages "$PAGES" --rate "$RATE" --batch "$BATCH" \
    --seconds "$SECONDS_EACH" >"$WORK/pages.json"

echo "restarting the server ..." >&2
kill -TERM "$pid"
wait "$pid" 2>/dev/null || true
before=$EPOCHREALTIME
"${MERCATO[@]}" serve --no-auth --no-demo --data-dir "$data" --urls "http://127.0.0.1:$PORT" >>"$WORK/serve.log" 2>&1 &
pid=$!
wait_health
again=$(awk -v a="$before" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
python3 "$ROOT/benchmarks/pages-live.py" "http://127.0.0.1:$PORT" --pages "$PAGES" --first-only >"$WORK/restart.json"

echo
echo "## Pages while events stream in, $(date -u +%Y-%m-%dT%H:%M:%SZ), built from $BUILT"
echo
machine
echo
echo "Store: ${DATA:-the $SCALE demo, loaded by \`mercato demo\`}; \`serve\` answered /health $up s after it started. Streaming: one client, $BATCH touchpoints a request, $RATE events/s offered, $SECONDS_EACH s, one reader viewing the pages round-robin."
echo
python3 - "$WORK/pages.json" "$WORK/restart.json" "$again" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
restart = json.load(open(sys.argv[2]))["pages"]
def ms(v):
    return "-" if v is None else f"{v:,.0f}"
print("| page | first view ms | quiet p50 ms | streaming p50 ms | p95 ms | max ms | views | after restart ms | not 200 |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
for page, e in r["pages"].items():
    bad = ", ".join(f"{k}: {v}" for k, v in sorted(e["statuses"].items()) if k != "200") or ""
    if restart[page]["status"] != 200:
        bad = (bad + ", " if bad else "") + f"after restart: {restart[page]['status']}"
    s = e["streaming"]
    after = ms(restart[page]["first_ms"]) + (" *" if restart[page]["last_figures"] else "")
    print(f"| {page} | {ms(e['first_ms'])} | {ms(e['quiet']['p50'])} | {ms(s['p50'])} | {ms(s['p95'])} | {ms(s['max'])} | {s['count']} | {after} | {bad} |")
a, s = r["all_streaming"], r["sender"]
print()
print(f"All views while streaming: p50 {ms(a['p50'])} ms, p95 {ms(a['p95'])} ms, max {ms(a['max'])} ms, {a['count']} views. "
      f"Pages over 200 ms at p95: {sum(1 for e in r['pages'].values() if (e['streaming']['p95'] or 0) > 200)} of {len(r['pages'])}; "
      f"first views over 2 s: {sum(1 for e in r['pages'].values() if (e['first_ms'] or 0) > 2000)}; "
      f"after the restart (/health in {sys.argv[3]} s): first views over 2 s: {sum(1 for e in restart.values() if (e['first_ms'] or 0) > 2000)}, "
      f"max {ms(max((e['first_ms'] or 0) for e in restart.values()))} ms, showing last figures: {sum(1 for e in restart.values() if e['last_figures'])}.")
q = s["requests"]
print(f"Sender: {s['events_per_s']:,} events/s committed over {r['seconds']} s; request p50 {ms(q['p50'])} ms, p95 {ms(q['p95'])} ms, max {ms(q['max'])} ms; "
      + ", ".join(f"{k}: {v}" for k, v in sorted(s["statuses"].items())))
PY
