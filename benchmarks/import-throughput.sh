#!/usr/bin/env bash
# End-to-end import throughput: `mercato import touchpoints` against sqlite3's own `.import` of the same CSV.
#
#   benchmarks/import-throughput.sh [ROWS...]      default: 1000000 10000000
#   KEEP=1 benchmarks/import-throughput.sh 100000  keep the generated CSV files and databases in benchmarks/work/
#   BASELINE=DIR ...      also time the CLI built from DIR, a checkout of an older commit, in the same run (no regression?)
#   POSTGRES=CONN ...     also time `mercato import --store postgres` into a fresh schema on that server (an Npgsql
#                         connection string; the schema is dropped afterwards)
#   REPEAT=N ...          measure each file N times in a row and print the medians (a shared machine is noisy)
#   ORDER=time|user|both  which row order to measure (default both):
#                         time  ids increasing with time, as an event log exports them;
#                         user  the same rows sorted by user id (a per-user export), so the key order is random.
#
# For each ROWS and order it generates a realistic touchpoints CSV, then times, each as its own process, with wall time
# and peak RSS from /usr/bin/time -v:
#   sqlite3          .import into a plain table (no key, no index, no validation) in a fresh WAL database: the floor
#                    a SQLite-backed importer cannot beat on this machine;
#   mercato          `mercato import touchpoints FILE --data-dir DIR` into a fresh data directory;
#   mercato re-import the same command again into the same directory: the dedupe path, which must add 0 rows.
# It prints a markdown table (paste it into benchmarks/RESULTS.md with the machine lines printed above it).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

if [[ $# -gt 0 ]]; then
    SIZES=("$@")
else
    SIZES=(1000000 10000000)
fi
for rows in "${SIZES[@]}"; do
    [[ $rows =~ ^[1-9][0-9]*$ ]] || { echo "ROWS must be positive integers, got '$rows'" >&2; exit 64; }
done
case ${ORDER:-both} in
    time) ORDERS=(time) ;;
    user) ORDERS=(user) ;;
    both) ORDERS=(time user) ;;
    *) echo "ORDER must be time, user or both, got '$ORDER'" >&2; exit 64 ;;
esac

# shellcheck source=lib.sh
source "$ROOT/benchmarks/lib.sh"
scratch throughput
require sqlite3 python3 dotnet
build_cli
build_baseline

# Writes ROWS touchpoint rows to FILE: ids tp-N in time order over 2025, about 100k distinct users, 12 channels, mostly
# impressions, a campaign on 80% of rows, a referral code only on referrals, and 1% exact repeats of a recent row (exports
# re-send rows; the importer counts them as already present). Seeded, so every run measures the same file. Same shape as
# TouchpointsCsv in the BenchmarkDotNet suites. Prints the number of distinct rows.
generate() {
    python3 - "$1" "$2" <<'PY'
import random, sys, datetime

rows, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(42)
repeats = 0
r = rng.random
channels = ["paid_search", "social_ads", "display", "influencer", "live_stream", "wechat", "seo", "email", "sms",
            "affiliate", "referral", "direct"]
start = datetime.date(2025, 1, 1)
days = [(start + datetime.timedelta(d)) for d in range(366)]
day_text = [d.isoformat() for d in days]
month_text = ["%02d" % d.month for d in days]
span = 365 * 86400 / rows
recent = []
with open(path, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
    out.write("touchpoint_id,user_id,timestamp,channel,campaign,type,referral_code\n")
    chunk = []
    for i in range(rows):
        if i > 0 and r() < 0.01:
            line = recent[int(r() * len(recent))]
            repeats += 1
        else:
            t = int(i * span + r() * span)
            day, sec = divmod(t, 86400)
            roll = r()
            kind = ("impression" if roll < 0.60 else "click" if roll < 0.80 else "visit" if roll < 0.95
                    else "referral" if roll < 0.98 else "other")
            campaign = "cmp-%s-%d" % (month_text[day], int(r() * 8)) if r() < 0.8 else ""
            referral = "ref-%04d" % int(r() * 5000) if kind == "referral" else ""
            line = "tp-%d,u-%06d,%sT%02d:%02d:%02dZ,%s,%s,%s,%s\n" % (
                i + 1, int(r() * 100000), day_text[day], sec // 3600, sec // 60 % 60, sec % 60,
                channels[int(r() * 12)], campaign, kind, referral)
            if len(recent) < 1000:
                recent.append(line)
            else:
                recent[i % 1000] = line
        chunk.append(line)
        if len(chunk) == 65536:
            out.writelines(chunk)
            chunk.clear()
    out.writelines(chunk)
print(rows - repeats)
PY
}

# The "added" figure of mercato's summary line: "  rows read 1,000, added 990, updated 0, already present 10, rejected 0".
added() { sed -n 's/.*rows read [0-9,]*, added \([0-9,]*\),.*/\1/p' "$1" | tr -d , | head -n 1; }

mb() { du -sk "$1" | awk '{ printf "%.0f", $1 / 1024 }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }
percent() { awk -v m="$1" -v f="$2" 'BEGIN { printf "%.1f%%", (f > 0 ? 100 * m / f : 0) }'; }

TABLE=()
NOTES=()
# user_ordered IN OUT : the rows of IN sorted by user id (stable, so a user's rows keep their time order), header first.
user_ordered() {
    { head -n 1 "$1"; tail -n +2 "$1" | LC_ALL=C sort -t, -k2,2 -s -S 25% -T "$WORK"; } >"$2"
}

# measure : one pass over $csv ($rows rows in $order order, pass $pass): sqlite3's floor, then mercato's import and
# re-import (and the baseline's and PostgreSQL's when asked), appended to TABLE and NOTES.
measure() {
    echo "sqlite3 .import ..." >&2
    db="$WORK/sqlite-$rows.db"
    rm -f "$db" "$db-wal" "$db-shm"
    run "sqlite3-$order-$rows-$pass" sqlite3 "$db" <<SQL
PRAGMA journal_mode=WAL;
CREATE TABLE touchpoints(touchpoint_id TEXT, user_id TEXT, timestamp TEXT, channel TEXT, campaign TEXT, type TEXT, referral_code TEXT);
.mode csv
.import --skip 1 "$csv" touchpoints
SQL
    loaded=$(sqlite3 "$db" "SELECT count(*) FROM touchpoints")
    [[ $loaded == "$rows" ]] || { echo "sqlite3 loaded $loaded rows, expected $rows" >&2; exit 1; }
    floor_s=$SECONDS_TAKEN
    floor_rate=$(rate "$rows" "$floor_s")
    TABLE+=("| $rows | $order | $pass | sqlite3 .import (floor) | $floor_s | $floor_rate | $PEAK_MB | 100.0% | $rows |")
    [[ $pass != 1 ]] || NOTES+=("- $rows rows, $order order: sqlite3 database $(mb "$db") MB")
    rm -f "$db" "$db-wal" "$db-shm"

    # import_twice LABEL DATA CLI OPTION... : a fresh import and the re-import of the same file with the CLI in the array
    # named CLI and OPTIONs after the file, each checked and tabled.
    import_twice() {
        local label=$1 data=$2
        local -n cli=$3
        local file="${label//[^a-z0-9]/-}"
        shift 3
        echo "$label import ..." >&2
        run "$file-$order-$rows-$pass" "${cli[@]}" import touchpoints "$csv" "$@"
        first_added=$(added "$WORK/$file-$order-$rows-$pass.out")
        [[ $first_added == "$distinct" ]] || {
            echo "$label added '$first_added' rows, expected $distinct:" >&2
            cat "$WORK/$file-$order-$rows-$pass.out" >&2
            exit 1
        }
        m_rate=$(rate "$rows" "$SECONDS_TAKEN")
        TABLE+=("| $rows | $order | $pass | $label import | $SECONDS_TAKEN | $m_rate | $PEAK_MB | $(percent "$m_rate" "$floor_rate") | $first_added |")
        [[ -z $data || $pass != 1 ]] || NOTES+=("- $rows rows, $order order: $label data directory $(mb "$data") MB after the import")

        echo "$label re-import ..." >&2
        run "$file-again-$order-$rows-$pass" "${cli[@]}" import touchpoints "$csv" "$@"
        again_added=$(added "$WORK/$file-again-$order-$rows-$pass.out")
        [[ $again_added == 0 ]] || {
            echo "the $label re-import added '$again_added' rows, expected 0:" >&2
            cat "$WORK/$file-again-$order-$rows-$pass.out" >&2
            exit 1
        }
        r_rate=$(rate "$rows" "$SECONDS_TAKEN")
        TABLE+=("| $rows | $order | $pass | $label re-import (dedupe) | $SECONDS_TAKEN | $r_rate | $PEAK_MB | $(percent "$r_rate" "$floor_rate") | $again_added |")
    }

    if [[ ${#BASE[@]} -gt 0 ]]; then
        data="$WORK/baseline-$rows"
        rm -rf "$data"
        import_twice "baseline ($BASE_BUILT)" "$data" BASE --data-dir "$data"
        rm -rf "$data"
    fi

    data="$WORK/mercato-$rows"
    rm -rf "$data"
    import_twice mercato "$data" MERCATO --data-dir "$data"

    if [[ -n ${POSTGRES:-} ]]; then
        schema="bench_import_$$_${order}_${rows}_$pass"
        connection=$(pg_schema "$schema")
        import_twice "mercato --store postgres" "" MERCATO --data-dir "$WORK/pg-$order-$rows-$pass" --store postgres --connection "$connection"
        # shellcheck disable=SC2046
        NOTES+=("- $rows rows, $order order: PostgreSQL schema $(psql $(psql_args) -At -c "SELECT pg_size_pretty(SUM(pg_total_relation_size(c.oid))) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '$schema'") after the re-import")
        pg_drop "$schema"
    fi

    rm -rf "$data"
}

for rows in "${SIZES[@]}"; do
    timed="$WORK/touchpoints-$rows.csv"
    echo "generating $rows rows ..." >&2
    distinct=$(generate "$rows" "$timed")
    NOTES+=("- $rows rows: CSV $(mb "$timed") MB, $distinct distinct rows ($((rows - distinct)) exact repeats)")
    for order in "${ORDERS[@]}"; do
        if [[ $order == user ]]; then
            csv="$WORK/touchpoints-$rows-by-user.csv"
            echo "sorting $rows rows by user ..." >&2
            user_ordered "$timed" "$csv"
        else
            csv=$timed
        fi

        for pass in $(seq "${REPEAT:-1}"); do
            measure
        done
        [[ ${KEEP:-0} == 1 || $csv == "$timed" ]] || rm -f "$csv"
    done
    [[ ${KEEP:-0} == 1 ]] || rm -f "$timed"
done

echo
echo "## Import throughput, $(date -u +%Y-%m-%dT%H:%M:%SZ), built from $BUILT"
echo
machine
[[ -z ${POSTGRES:-} ]] || echo "PostgreSQL: $(pg_settings | paste -sd ';' | sed 's/;/; /')"
echo
echo '```'
free -g
echo '```'
echo
printf '%s\n' "${NOTES[@]}"
echo
echo "| rows | order | run | tool | seconds | rows/s | peak RSS MB | rate vs sqlite3 | rows added |"
echo "|-----:|-------|----:|------|--------:|-------:|------------:|----------------:|-----------:|"
printf '%s\n' "${TABLE[@]}"

# With REPEAT > 1: per file and tool, the median of the runs (seconds, and the rate against the same pass's sqlite3):
# on a shared machine single runs swing by a third, the median of interleaved passes much less.
if [[ ${REPEAT:-1} -gt 1 ]]; then
    echo
    echo "Medians of $REPEAT passes:"
    echo
    echo "| rows | order | tool | median seconds | median rate vs sqlite3 | lowest / highest rate |"
    echo "|-----:|-------|------|---------------:|-----------------------:|----------------------:|"
    printf '%s\n' "${TABLE[@]}" | python3 -c '
import sys, statistics
runs = {}
for line in sys.stdin:
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    rows, order, _, tool, seconds, _, _, rate, _ = cells
    runs.setdefault((rows, order, tool), []).append((float(seconds), float(rate.rstrip("%"))))
for (rows, order, tool), values in runs.items():
    seconds = statistics.median(s for s, _ in values)
    rates = [r for _, r in values]
    print(f"| {rows} | {order} | {tool} | {seconds:.2f} | {statistics.median(rates):.1f}% | {min(rates):.1f}% / {max(rates):.1f}% |")
'
fi
