#!/usr/bin/env bash
# End-to-end measurement speed: every attribution model, ROI and the lift model, each as its own `mercato report` process
# over the demo store (journey aggregation plus model, JSON out), with wall time and peak RSS; and in the same run the
# plain pandas script benchmarks/pandas/linear_attribution.py computing the linear model from a CSV export of the same
# touchpoints and conversions, checked to give the same credits.
#
#   benchmarks/measurement-e2e.sh [SCALE]          default: large (12.6M touchpoints; loading it takes ~5 minutes)
#   DATA=DIR benchmarks/measurement-e2e.sh         use a store already loaded with the demo (no load)
#   KEEP=1 ...                                     keep benchmarks/work/measurement-*/ (store, CSV, outputs)
#
# Needs sqlite3 and Debian's python3-pandas (apt-get install python3-pandas); prints a markdown table for RESULTS.md.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
SCALE=${1:-large}
[[ $SCALE =~ ^(small|medium|large)$ ]] || { echo "SCALE must be small, medium or large, got '$SCALE'" >&2; exit 64; }

WORK="$ROOT/benchmarks/work/measurement-$$"
mkdir -p "$WORK"
cleanup() {
    if [[ ${KEEP:-0} == 1 ]]; then
        echo "kept the files in ${WORK#"$ROOT"/}" >&2
    else
        rm -rf "$WORK"
        rmdir "$ROOT/benchmarks/work" 2>/dev/null || true
    fi
}
trap cleanup EXIT
# shellcheck source=lib.sh
source "$ROOT/benchmarks/lib.sh"
require sqlite3 dotnet
PYTHON=/usr/bin/python3
$PYTHON -c 'import pandas' 2>/dev/null || { echo "pandas is required: apt-get install python3-pandas" >&2; exit 69; }
build_cli
START_LOAD=$(machine)

if [[ -n ${DATA:-} ]]; then
    data=$DATA
else
    data="$WORK/store"
    echo "loading the $SCALE demo ..." >&2
    run demo "${MERCATO[@]}" demo --scale "$SCALE" --data-dir "$data"
    LOADED="demo $SCALE loaded in $SECONDS_TAKEN s, peak RSS $PEAK_MB MB"
fi
db="$data/mercato.db"
touches=$(sqlite3 "$db" "SELECT COUNT(*) FROM touchpoints")
conversions=$(sqlite3 "$db" "SELECT COUNT(*) FROM conversions")

TABLE=()
report() {
    local name=$1
    shift
    echo "$name ..." >&2
    run "$name" "${MERCATO[@]}" report "$@" --format json --data-dir "$data"
    TABLE+=("| mercato report $* | $SECONDS_TAKEN | $PEAK_MB |")
}
for model in first last last-non-direct linear time-decay position markov shapley; do
    report "attribution-$model" attribution --model "$model"
done
report attribution-markov-3 attribution --model markov --order 3
report roi roi
report lift lift
mercato_linear=$(awk -F'|' '/mercato report attribution --model linear /{ print $3 }' <<<"$(printf '%s\n' "${TABLE[@]}")" | tr -d ' ')

echo "exporting CSV for pandas ..." >&2
sqlite3 -csv -header "$db" "SELECT t.user_id, t.ts AS timestamp, c.name AS channel FROM touchpoints t JOIN channels c ON c.id = t.channel_id" >"$WORK/touchpoints.csv"
sqlite3 -csv -header "$db" "SELECT user_id, ts AS timestamp, revenue / 10000.0 AS revenue FROM conversions" >"$WORK/conversions.csv"
echo "pandas linear ..." >&2
run pandas-linear $PYTHON "$ROOT/benchmarks/pandas/linear_attribution.py" "$WORK/touchpoints.csv" "$WORK/conversions.csv"
pandas_s=$SECONDS_TAKEN
TABLE+=("| python3 benchmarks/pandas/linear_attribution.py (read CSV + linear) | $pandas_s | $PEAK_MB |")
agreement=$($PYTHON - "$WORK/attribution-linear.out" "$WORK/pandas-linear.out" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
theirs = {c["channel"]: c for c in b["channels"]}
worst = max(max(abs(c["conversions"] - theirs[c["channel"]]["conversions"]), abs(c["revenue"] - theirs[c["channel"]]["revenue"]))
            for c in a["channels"])
same = sorted(c["channel"] for c in a["channels"]) == sorted(theirs)
print(f"channels {'identical' if same else 'DIFFER'}, largest difference in any channel's credit {worst:.2g}")
PY
)

echo
echo "## Measurement end to end, $(date -u +%Y-%m-%dT%H:%M:%SZ), built from $BUILT"
echo
echo "$START_LOAD"
echo
echo "Store: $touches touchpoints, $conversions conversions${LOADED:+; $LOADED}."
echo "pandas $($PYTHON -c 'import pandas; print(pandas.__version__)'); its time includes reading the CSV ($(du -m "$WORK/touchpoints.csv" | cut -f1) MB of touchpoints). Linear credits, Mercato against pandas: $agreement."
echo "Ratio, pandas linear / Mercato linear: $(awk -v p="$pandas_s" -v m="$mercato_linear" 'BEGIN { printf "%.1f", p / m }')×."
echo
echo "| command | seconds | peak RSS MB |"
echo "|---|---:|---:|"
printf '%s\n' "${TABLE[@]}"
