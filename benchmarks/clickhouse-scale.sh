#!/usr/bin/env bash
# Markov order 1 over a generated workspace on the two-shard ClickHouse cluster, end to end (`mercato report attribution
# --model markov`, its own process), issue 16 item 3.
#
#   ROWS=100000000 USERS=10000000 benchmarks/clickhouse-scale.sh     default: 10M touchpoints of 1M users
#   CLUSTER=CONN ...    the cluster (default: the two shards of .ci/clickhouse.sh start, which must be running; for 100M
#                       start them with MERCATO_CH_MAX_MEMORY=10000000000, the default 4 GB per query is too little)
#   KEEP=1 ...          keep the database and the data directory
#
# The small demo is loaded with --facts clickhouse into a fresh database (schema, channel catalog, batches), then each
# shard generates ROWS touchpoints of USERS users (and ROWS/30 conversions) inside ClickHouse with INSERT ... SELECT FROM
# numbers() and keeps the rows whose user it holds (cityHash64(user_id) % 2, as the Distributed tables shard), channels
# drawn from the demo's, times spread over the demo's span. Prints the report's wall time, peak RSS and the journey
# query's time from --verbose.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
# shellcheck source=lib.sh
source "$ROOT/benchmarks/lib.sh"
require dotnet curl
scratch clickhouse-scale
build_cli

ROWS=${ROWS:-10000000}
USERS=${USERS:-1000000}
SHARD1=127.0.0.1:18124
SHARD2=127.0.0.1:18125
DB="scale_$$"
CONN="${CLUSTER:-Host=127.0.0.1;Port=18124;Cluster=mercato_2shards;Shards=$SHARD1,$SHARD2};Database=$DB"
DIR="$WORK/data"
export MERCATO_FACTS=clickhouse MERCATO_FACTS_CONNECTION="$CONN"

q() { # q HOST:PORT SQL
    curl -sS --fail-with-body "http://$1/?database=$DB" --data-binary "$2"
}
drop() {
    if [[ ${KEEP:-0} != 1 ]]; then
        for shard in $SHARD1 $SHARD2; do curl -sS "http://$shard/" --data-binary "DROP DATABASE IF EXISTS $DB" || true; done
    fi
}
trap 'drop; scratch_cleanup' EXIT

echo "loading the small demo into $DB ..." >&2
"${MERCATO[@]}" demo --scale small --data-dir "$DIR" >"$WORK/demo.log" 2>&1 || { cat "$WORK/demo.log" >&2; exit 1; }
channels=$(q $SHARD1 "SELECT arrayStringConcat(arraySort(groupUniqArray(toString(channel_id))), ',') FROM touchpoints")
span=$(q $SHARD1 "SELECT concat(toString(min(ts)), ',', toString(max(ts) - min(ts))) FROM touchpoints")
first=${span%,*}
width=${span#*,}
batch=$(q $SHARD1 "SELECT any(batch_id) FROM touchpoints")
# The demo's rows must sit where the Distributed table put them, or the generated ones would not either.
misplaced=$(q $SHARD1 "SELECT count() FROM touchpoints_local WHERE cityHash64(user_id) % 2 != 0")
[[ $misplaced == 0 ]] || { echo "shard 1 holds $misplaced rows of shard 2's users: the sharding is not cityHash64(user_id) % 2" >&2; exit 1; }

echo "generating $ROWS touchpoints of $USERS users on each shard's half ..." >&2
start=$(date +%s.%N)
index=0
for shard in $SHARD1 $SHARD2; do
    (
        q "$shard" "INSERT INTO touchpoints_local (key, touchpoint_id, user_id, ts, channel_id, campaign, type, referral_code, batch_id, version, restates)
            SELECT -toInt64(number) - 1, concat('g', toString(number)), u, toInt64($first + cityHash64(number, 1) % $width),
                   toInt64(c[1 + cityHash64(number, 2) % length(c)]), if(number % 3 = 0, NULL, concat('gen-', toString(number % 20))),
                   'click', NULL, toUInt64($batch), toUInt64(1), toUInt8(0)
            FROM (SELECT number, concat('gu', toString(cityHash64(number) % $USERS)) AS u, [$channels] AS c FROM system.numbers LIMIT $ROWS)
            WHERE cityHash64(u) % 2 = $index"
        q "$shard" "INSERT INTO conversions_local (key, conversion_id, user_id, ts, revenue, cost, batch_id, version, restates)
            SELECT -toInt64(number) - 1, concat('gc', toString(number)), u, toInt64($first + cityHash64(number, 3) % $width),
                   toInt64(1000000 + cityHash64(number, 4) % 50000000), if(number % 2 = 0, NULL, toInt64(200000)), toUInt64($batch), toUInt64(1), toUInt8(0)
            FROM (SELECT number, concat('gu', toString(cityHash64(number, 5) % $USERS)) AS u FROM system.numbers LIMIT $((ROWS / 30)))
            WHERE cityHash64(u) % 2 = $index"
    ) &
    index=$((index + 1))
done
wait
end=$(date +%s.%N)
held=$(q $SHARD1 "SELECT count() FROM touchpoints")
echo "generated in $(echo "$end - $start" | bc) s; touchpoints held: $held; conversions: $(q $SHARD1 "SELECT count() FROM conversions")" >&2

echo "report attribution --model markov ..." >&2
/usr/bin/time -v -o "$WORK/report.time" "${MERCATO[@]}" report attribution --model markov --format json --verbose --data-dir "$DIR" \
    >"$WORK/report.json" 2>"$WORK/report.log" || { cat "$WORK/report.log" >&2; exit 1; }
wall=$(grep "Elapsed (wall clock)" "$WORK/report.time" | awk '{print $NF}')
rss=$(( $(grep "Maximum resident" "$WORK/report.time" | awk '{print $NF}') / 1024 ))
echo "$BUILT, $held touchpoints on the cluster: markov order 1 end to end $wall (m:ss), peak RSS $rss MB" 
grep -i "journey\|slow\|took" "$WORK/report.log" | head -8 || true
head -c 300 "$WORK/report.json"; echo
