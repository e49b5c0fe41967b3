#!/usr/bin/env bash
# End-to-end measurement speed: every attribution model, ROI and the lift model, each as its own `mercato report` process
# over the demo store (journey aggregation plus model, JSON out), with wall time and peak RSS; and in the same run the
# plain pandas script benchmarks/pandas/linear_attribution.py computing the linear model from a CSV export of the same
# touchpoints and conversions, checked to give the same credits.
#
#   benchmarks/measurement-e2e.sh [SCALE]          default: large (12.6M touchpoints; loading it takes ~5 minutes)
#   DATA=DIR benchmarks/measurement-e2e.sh         use a store already loaded with the demo (no load)
#   KEEP=1 ...                                     keep benchmarks/work/measurement-*/ (store, CSV, outputs)
#   BASELINE=DIR ...   also run every report with the CLI built from DIR (a checkout of an older commit) in the same run;
#                      the baseline loads the demo and reports first, then this build reports on the same store
#   POSTGRES=CONN ...  also load the demo into a fresh schema on that server (an Npgsql connection string) and run
#                      every report there with --store postgres; the schema is dropped afterwards
#   CLICKHOUSE=CONN ...  also load the demo with its facts in ClickHouse (a connection string without Database: one node,
#                      or Cluster=...;Shards=... for a cluster; docs/clickhouse.md) into a fresh database, and run every
#                      report there with --facts clickhouse; the database is dropped afterwards
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
build_baseline
START_LOAD=$(machine)

if [[ -n ${DATA:-} ]]; then
    data=$DATA
else
    data="$WORK/store"
    echo "loading the $SCALE demo ..." >&2
    # The baseline loads it when there is one: an older build may not open a store a newer one has migrated.
    if [[ ${#BASE[@]} -gt 0 ]]; then loader=("${BASE[@]}"); else loader=("${MERCATO[@]}"); fi
    run demo "${loader[@]}" demo --scale "$SCALE" --data-dir "$data"
    LOADED="demo $SCALE loaded in $SECONDS_TAKEN s, peak RSS $PEAK_MB MB, by ${BASE_BUILT:-this build}"
fi
db="$data/mercato.db"
touches=$(sqlite3 "$db" "SELECT COUNT(*) FROM touchpoints")
conversions=$(sqlite3 "$db" "SELECT COUNT(*) FROM conversions")

TABLE=()
# report LABEL CLI-ARRAY OPTIONS -- REPORT ARGS... : one `report` process, tabled as LABEL.
report() {
    local label=$1
    local -n cli=$2
    shift 2
    local options=()
    while [[ $1 != -- ]]; do options+=("$1"); shift; done
    shift
    local words="$*"
    local file="${label//[^a-z0-9]/-}-${words//[^a-z0-9]/-}"
    echo "$label report $* ..." >&2
    run "$file" "${cli[@]}" report "$@" --format json "${options[@]}"
    TABLE+=("| $label | report $* | $SECONDS_TAKEN | $PEAK_MB |")
}
reports() {
    local label=$1 cli=$2
    shift 2
    for model in first last last-non-direct linear time-decay position markov shapley; do
        report "$label" "$cli" "$@" -- attribution --model "$model"
    done
    report "$label" "$cli" "$@" -- attribution --model markov --order 3
    # pandas counts every touch: the linear model with flagged clicks counted too is the one it checks.
    report "$label" "$cli" "$@" -- attribution --model linear --include-invalid-clicks
    report "$label" "$cli" "$@" -- roi
    report "$label" "$cli" "$@" -- lift
    report "$label" "$cli" "$@" -- kpis
}
if [[ ${#BASE[@]} -gt 0 ]]; then
    reports "baseline ($BASE_BUILT)" BASE --data-dir "$data"
fi
reports mercato MERCATO --data-dir "$data"
cp "$WORK/mercato-attribution---model-linear---include-invalid-clicks.out" "$WORK/attribution-linear.out"
if [[ -n ${POSTGRES:-} ]]; then
    schema="bench_measure_$$"
    connection=$(pg_schema "$schema")
    echo "loading the $SCALE demo into PostgreSQL ..." >&2
    run demo-postgres "${MERCATO[@]}" demo --scale "$SCALE" --data-dir "$WORK/pg" --store postgres --connection "$connection"
    PG_LOADED="demo $SCALE loaded into PostgreSQL in $SECONDS_TAKEN s, peak RSS $PEAK_MB MB"
    # shellcheck disable=SC2046
    PG_SIZE=$(psql $(psql_args) -At -c "SELECT pg_size_pretty(SUM(pg_total_relation_size(c.oid))) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '$schema'")
    reports "mercato --store postgres" MERCATO --data-dir "$WORK/pg" --store postgres --connection "$connection"
    # The same figures on both stores: the linear credits compared as the pandas check below compares them.
    PG_SAME=$($PYTHON - "$WORK/mercato-attribution---model-linear.out" "$WORK/mercato---store-postgres-attribution---model-linear.out" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
theirs = {c["channel"]: c for c in b["channels"]}
worst = max(max(abs(c["conversions"] - theirs[c["channel"]]["conversions"]), abs(c["revenue"] - theirs[c["channel"]]["revenue"])) for c in a["channels"])
print(f"largest difference in any channel's linear credit, SQLite against PostgreSQL: {worst:.2g}")
PY
)
    pg_drop "$schema"
fi
if [[ -n ${CLICKHOUSE:-} ]]; then
    require curl
    chdb="bench_measure_$$"
    chconn="$CLICKHOUSE;Database=$chdb"
    # every node's HTTP address: the Shards list of a cluster, else Host:Port
    chnodes=$(sed -n 's/.*Shards=\([^;]*\).*/\1/p' <<<"$CLICKHOUSE" | tr ',' ' ')
    if [[ -z $chnodes ]]; then
        chnodes="$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$CLICKHOUSE"):$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$CLICKHOUSE")"
    fi
    echo "loading the $SCALE demo with its facts in ClickHouse ..." >&2
    run demo-clickhouse "${MERCATO[@]}" demo --scale "$SCALE" --data-dir "$WORK/ch" --facts clickhouse --facts-connection "$chconn"
    CH_LOADED="demo $SCALE loaded with its facts in ClickHouse in $SECONDS_TAKEN s, peak RSS $PEAK_MB MB"
    CH_VERSION=$(curl -sf "http://${chnodes%% *}/" --data-binary "SELECT version()")
    reports "mercato --facts clickhouse" MERCATO --data-dir "$WORK/ch" --facts clickhouse --facts-connection "$chconn"
    CH_SAME=$($PYTHON - "$WORK/mercato-attribution---model-linear.out" "$WORK/mercato---facts-clickhouse-attribution---model-linear.out" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
theirs = {c["channel"]: c for c in b["channels"]}
worst = max(max(abs(c["conversions"] - theirs[c["channel"]]["conversions"]), abs(c["revenue"] - theirs[c["channel"]]["revenue"])) for c in a["channels"])
print(f"largest difference in any channel's linear credit, SQLite against ClickHouse: {worst:.2g}")
PY
)
    for node in $chnodes; do curl -sf "http://$node/" --data-binary "DROP DATABASE IF EXISTS $chdb" >/dev/null; done
fi
mercato_linear=$(awk -F'|' '$2 ~ /^ mercato $/ && $3 ~ /attribution --model linear $/ { print $4 }' <<<"$(printf '%s\n' "${TABLE[@]}")" | tr -d ' ')

echo "exporting CSV for pandas ..." >&2
sqlite3 -csv -header "$db" "SELECT t.user_id, t.ts AS timestamp, c.name AS channel FROM touchpoints t JOIN channels c ON c.id = t.channel_id" >"$WORK/touchpoints.csv"
sqlite3 -csv -header "$db" "SELECT user_id, ts AS timestamp, revenue / 10000.0 AS revenue FROM conversions" >"$WORK/conversions.csv"
echo "pandas linear ..." >&2
run pandas-linear $PYTHON "$ROOT/benchmarks/pandas/linear_attribution.py" "$WORK/touchpoints.csv" "$WORK/conversions.csv"
pandas_s=$SECONDS_TAKEN
TABLE+=("| python3 | benchmarks/pandas/linear_attribution.py (read CSV + linear) | $pandas_s | $PEAK_MB |")
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
if [[ -n ${POSTGRES:-} ]]; then
    echo "PostgreSQL: $(pg_settings | paste -sd ';' | sed 's/;/; /'); $PG_LOADED; schema $PG_SIZE; $PG_SAME."
fi
if [[ -n ${CLICKHOUSE:-} ]]; then
    echo "ClickHouse $CH_VERSION at ${chnodes// /, } ($([[ $CLICKHOUSE == *Cluster=* ]] && echo "a cluster of $(wc -w <<<"$chnodes") shards" || echo "one node")); $CH_LOADED; $CH_SAME."
fi
echo
echo "| build and store | command | seconds | peak RSS MB |"
echo "|---|---|---:|---:|"
printf '%s\n' "${TABLE[@]}"
