#!/usr/bin/env bash
# The background demo load: wall seconds from `mercato serve` on an empty data directory to its first answer and to
# /health saying "demo":"loaded" (docs/demo-company.md, The background load).
#
#   benchmarks/demo-load.sh [SCALE...]     default: medium (serve's default); small, medium or large
#   PORT=5414 benchmarks/demo-load.sh      the loopback port to serve on (default 5419)
#   MERCATO=PATH ...                       the CLI to time (default: the Debug build, src/Mercato/bin/Debug/net10.0/mercato)
#
# Each run serves --no-auth on a fresh data directory, polls /health every 0.5 s, prints one markdown table row with the
# load's own figure from the log ("Loaded the demo company: N rows in S s."), and stops the server it started.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
PORT=${PORT:-5419}
MERCATO=${MERCATO:-src/Mercato/bin/Debug/net10.0/mercato}
SCALES=("$@")
[[ ${#SCALES[@]} -gt 0 ]] || SCALES=(medium)

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| scale | fact rows | load (log) | serve to first answer | serve to loaded |"
echo "|---|---:|---:|---:|---:|"
for scale in "${SCALES[@]}"; do
    dir=$(mktemp -d)
    log=$dir/serve.log
    start=$(date +%s.%N)
    "$MERCATO" serve --no-auth --data-dir "$dir/data" --demo-scale "$scale" --urls "http://127.0.0.1:$PORT" >"$log" 2>&1 &
    pid=$!
    first=""
    while true; do
        health=$(curl -s "http://127.0.0.1:$PORT/health" || true)
        if [[ -n $health && -z $first ]]; then first=$(date +%s.%N); fi
        case $health in *'"demo":"loaded"'* | *'"demo":"failed"'*) break ;; esac
        kill -0 "$pid" 2>/dev/null || { echo "serve exited; see $log" >&2; exit 1; }
        sleep 0.5
    done
    end=$(date +%s.%N)
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    loaded=$(grep -m1 -o 'Loaded the demo company: [0-9,]* rows in [0-9.]* s' "$log" || echo "failed")
    rows=$(sed -E 's/.*: ([0-9,]*) rows.*/\1/' <<<"$loaded")
    secs=$(sed -E 's/.* in ([0-9.]*) s/\1/' <<<"$loaded")
    printf '| %s | %s | %s s | %.1f s | %.1f s |\n' "$scale" "$rows" "$secs" "$(bc <<<"$first - $start")" "$(bc <<<"$end - $start")"
    rm -rf "$dir"
done
