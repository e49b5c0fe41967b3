#!/usr/bin/env bash
# Invalid traffic end to end (issue 14, speed): import a year of generated clicks, re-import them (nothing changes), run
# the invalid-traffic rules over the longest window the product allows (31 days) and the default (7 days), once by
# placement, and write a channel's claim list for 31 days.
#
#   benchmarks/ads-e2e.sh                   50,000,000 clicks, over an hour (11 GB of CSV; the store and its WAL need about 15 GB
#                                           each: the script checks for 3.5x the CSV free)
#   ADS_ROWS=200000 benchmarks/ads-e2e.sh   a smoke run
#   KEEP=1 benchmarks/ads-e2e.sh ...        keep the generated CSV and data directory in benchmarks/work/
#
# The CSV is written by the benchmarks project (`--generate-clicks ROWS FILE`, ClicksCsv.cs: seeded, about 1M rows/s).
# Each step is its own process, timed with wall time and peak RSS (/usr/bin/time -v). Prints a markdown table for
# benchmarks/RESULTS.md with the machine line above it.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
ROWS=${ADS_ROWS:-50000000}
[[ $ROWS =~ ^[1-9][0-9]*$ ]] || { echo "ADS_ROWS must be a positive integer, got '$ROWS'" >&2; exit 64; }

# shellcheck source=lib.sh
source "$ROOT/benchmarks/lib.sh"
scratch ads
require sqlite3 dotnet

# About 233 bytes a row of CSV; the store is as large again, and its WAL holds the whole import until the checkpoint.
need_kb=$((ROWS * 233 * 7 / 2 / 1024))
free_kb=$(df -Pk "$WORK" | awk 'NR == 2 { print $4 }')
echo "disk: $((free_kb / 1024 / 1024)) GB free in ${WORK#"$ROOT"/}, about $((need_kb / 1024 / 1024)) GB needed" >&2
((free_kb > need_kb)) || { echo "not enough disk for $ROWS clicks: set ADS_ROWS lower" >&2; exit 75; }

build_cli
echo "building the generator (benchmarks/Mercato.Benchmarks, Release) ..." >&2
if ! dotnet build "$ROOT/benchmarks/Mercato.Benchmarks" -c Release --nologo -v quiet >"$WORK/build-bench.log" 2>&1; then
    cat "$WORK/build-bench.log" >&2
    echo "build failed" >&2
    exit 1
fi

CSV="$WORK/clicks.csv"
DATA="$WORK/data"
export MERCATO_DATA_DIR="$DATA"

TABLE=()
step() {
    local name=$1 rows=$2
    shift 2
    run "$name" "$@"
    local rate=""
    [[ -n $rows ]] && rate=$(awk -v r="$rows" -v s="$SECONDS_TAKEN" 'BEGIN { printf "%.0f", r / s }')
    TABLE+=("| $name | $SECONDS_TAKEN | $rate | $PEAK_MB |")
    echo "$name: $SECONDS_TAKEN s, $PEAK_MB MB" >&2
}

step "generate $ROWS clicks (CSV)" "$ROWS" dotnet "$ROOT/benchmarks/Mercato.Benchmarks/bin/Release/net10.0/Mercato.Benchmarks.dll" --generate-clicks "$ROWS" "$CSV"
CSV_MB=$(du -sk "$CSV" | awk '{ printf "%.0f", $1 / 1024 }')

# The last day with clicks is yesterday (UTC): the 31-day window ends there; the 7-day window is the command's default.
LAST=$(date -u -d yesterday +%F)
FIRST=$(date -u -d "$LAST -30 days" +%F)

step "import $ROWS clicks" "$ROWS" "${MERCATO[@]}" import clicks "$CSV"
STORE_MB=$(du -sk "$DATA" | awk '{ printf "%.0f", $1 / 1024 }')
step "re-import (nothing changes)" "$ROWS" "${MERCATO[@]}" import clicks "$CSV"
step "ads invalid, 31 days ($FIRST to $LAST)" "" "${MERCATO[@]}" ads invalid --from "$FIRST" --to "$LAST"
step "ads invalid, default 7 days" "" "${MERCATO[@]}" ads invalid
step "ads invalid --by placement, 31 days" "" "${MERCATO[@]}" ads invalid --from "$FIRST" --to "$LAST" --by placement
step "ads claims --channel douyin_ads, 31 days" "" "${MERCATO[@]}" ads claims --channel douyin_ads --from "$FIRST" --to "$LAST"
CLAIMS=$(($(wc -l <"$WORK/ads claims --channel douyin_ads, 31 days.out") - 1))

echo
machine
echo "Build: $BUILT, Release. $ROWS clicks over 365 days, CSV $CSV_MB MB; SQLite store after the import $STORE_MB MB (after everything $(du -sk "$DATA" | awk '{ printf "%.0f", $1 / 1024 }') MB); load average $(cut -d' ' -f1-3 /proc/loadavg) at the end."
for f in "$WORK/import $ROWS clicks.out" "$WORK/re-import (nothing changes).out"; do
    sed 's/^ */- /' "$f" | head -3
done
echo "- 31 days: $(head -1 "$WORK/ads invalid, 31 days ($FIRST to $LAST).out")"
echo "- 7 days: $(head -1 "$WORK/ads invalid, default 7 days.out")"
echo "- claims of douyin_ads over 31 days: $CLAIMS rows written"
echo
echo "| step | seconds | rows/s | peak MB |"
echo "|---|---:|---:|---:|"
printf '%s\n' "${TABLE[@]}"
