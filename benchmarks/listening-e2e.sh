#!/usr/bin/env bash
# Public opinion end to end: import a year of mentions (half Chinese, half English) with language, sentiment and watched
# terms read on the way in, re-import them (nothing changes), rescore, the summary of 30 days, and the spike scan of the
# alert center over 50 watched terms.
#
#   benchmarks/listening-e2e.sh [ROWS]      default 1000000
#   KEEP=1 benchmarks/listening-e2e.sh ...  keep the generated CSV and data directory in benchmarks/work/
#
# Each step is its own process, timed with wall time and peak RSS (/usr/bin/time -v). Prints a markdown table for
# benchmarks/RESULTS.md with the machine line above it.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
ROWS=${1:-1000000}
[[ $ROWS =~ ^[1-9][0-9]*$ ]] || { echo "ROWS must be a positive integer, got '$ROWS'" >&2; exit 64; }

# shellcheck source=lib.sh
source "$ROOT/benchmarks/lib.sh"
scratch listening
require sqlite3 python3 dotnet
build_cli

# ROWS mentions over the 365 days before now (so the alert center's look-back holds the last weeks) in time order: half Chinese, half English posts assembled from phrases (brand, product,
# aspect, opinion with negation and degree words, emoji), 13 sources, 50 watched terms (4 brands, 16 products, 30 risk
# and topic words). Seeded.
python3 - "$ROWS" "$WORK/mentions.csv" "$WORK/watch.json" <<'PY'
import datetime, json, random, sys
rows, path, watch = int(sys.argv[1]), sys.argv[2], sys.argv[3]
rng = random.Random(7)
brands = [("Kangning", "康宁"), ("Yuwell", "鱼跃"), ("Omron", "欧姆龙"), ("Cofoe", "可孚")]
products = [("nebulizer", "雾化器"), ("oximeter", "血氧仪"), ("thermometer", "体温计"), ("monitor", "血压计")] + [("model%d" % i, "型号%d" % i) for i in range(12)]
risks = [("recall", "召回"), ("complaint", "投诉"), ("refund", "退款"), ("counterfeit", "假货"), ("side effect", "副作用")] + [("topic%d" % i, "话题%d" % i) for i in range(25)]
terms = [{"term": e, "kind": "brand" if i == 0 else "competitor", "aliases": [z]} for i, (e, z) in enumerate(brands)]
terms += [{"term": e, "kind": "product", "aliases": [z]} for e, z in products]
terms += [{"term": z, "kind": "risk", "aliases": [e]} for e, z in risks]
json.dump({"terms": terms}, open(watch, "w", encoding="utf-8"), ensure_ascii=False)
zh_op = ["很好用", "非常满意", "不太好", "太差了", "还行吧", "一点也不好", "挺不错的", "质量有问题", "推荐购买", "客服态度很差", "但是价格有点贵"]
en_op = ["works great", "is terrible", "is not bad", "broke after a week", "is okay I guess", "is really good!", "is a waste of money", "arrived today", "but the price is too high"]
zh_asp = ["效果", "噪音", "续航", "价格", "客服", "物流", "包装"]
sources = ["weibo", "wechat", "douyin", "xiaohongshu", "zhihu", "bilibili", "news", "forum", "twitter", "facebook", "instagram", "review_site", "other"]
span = 365 * 86400 / rows
start = datetime.datetime.now(datetime.timezone.utc).replace(minute=0, second=0, microsecond=0) - datetime.timedelta(days=365)
with open(path, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
    out.write("mention_id,timestamp,source,author,author_followers,text,url,language,reach,likes,comments,shares\n")
    chunk = []
    r = rng.random
    for i in range(rows):
        at = start + datetime.timedelta(seconds=int(i * span + r() * span))
        b = brands[int(r() * 4)]
        p = products[int(r() * len(products))]
        if i % 2 == 0:
            text = "%s的%s%s%s" % (b[1], p[1], zh_asp[int(r() * 7)], zh_op[int(r() * len(zh_op))])
            if r() < 0.1:
                text += "，" + risks[int(r() * len(risks))][1]
            if r() < 0.2:
                text += "😡" if r() < 0.5 else "👍"
            lang = "zh" if r() < 0.5 else ""
        else:
            text = "The %s %s %s" % (b[0], p[0], en_op[int(r() * len(en_op))])
            if r() < 0.1:
                text += ", " + risks[int(r() * len(risks))][0]
            lang = "en" if r() < 0.5 else ""
        chunk.append("m%d,%s,%s,u%d,%d,\"%s\",,%s,%d,%d,%d,%d\n" % (
            i + 1, at.strftime("%Y-%m-%dT%H:%M:%SZ"), sources[int(r() * 13)], int(r() * 50000),
            int(r() * 100000), text, lang, int(r() * 10000), int(r() * 100), int(r() * 20), int(r() * 10)))
        if len(chunk) == 65536:
            out.writelines(chunk)
            chunk.clear()
    out.writelines(chunk)
PY

DATA="$WORK/data"
watch_args=()
while IFS=$'\t' read -r term kind aliases; do
    args=(listening watch add "$term" --kind "$kind" --data-dir "$DATA")
    for a in $aliases; do args+=(--alias "$a"); done
    "${MERCATO[@]}" "${args[@]}" >/dev/null
done < <(python3 -c '
import json, sys
for t in json.load(open(sys.argv[1], encoding="utf-8"))["terms"]:
    print("%s\t%s\t%s" % (t["term"], t["kind"], " ".join(a.replace(" ", "_") for a in t["aliases"])))
' "$WORK/watch.json")

TABLE=()
step() {
    local name=$1
    shift
    run "$name" "$@"
    TABLE+=("| $name | $SECONDS_TAKEN | $PEAK_MB |")
    echo "$name: $SECONDS_TAKEN s, $PEAK_MB MB" >&2
}
step "import $ROWS mentions" "${MERCATO[@]}" import mentions "$WORK/mentions.csv" --data-dir "$DATA"
step "re-import (nothing changes)" "${MERCATO[@]}" import mentions "$WORK/mentions.csv" --data-dir "$DATA"
step "rescore" "${MERCATO[@]}" listening rescore --data-dir "$DATA"
step "summary, last 30 days" "${MERCATO[@]}" listening summary --format json --data-dir "$DATA"
step "summary, 366 days" "${MERCATO[@]}" listening summary --from "$(date -u -d '-365 days' +%F)" --to "$(date -u +%F)" --format json --data-dir "$DATA"
step "top words, last 30 days" "${MERCATO[@]}" listening terms --format json --data-dir "$DATA"
step "alerts evaluate (50 terms, hourly, 36 days)" "${MERCATO[@]}" alerts evaluate --data-dir "$DATA"

echo
machine
echo "Build: $BUILT, Release. $ROWS mentions, CSV $(du -sk "$WORK/mentions.csv" | awk '{ printf "%.0f", $1 / 1024 }') MB; store $(du -sk "$DATA" | awk '{ printf "%.0f", $1 / 1024 }') MB."
grep -h "rows read" "$WORK"/import*.out | head -2 | sed 's/^ */- /'
sed 's/^/- /' "$WORK/rescore.out"
echo
echo "| step | seconds | peak MB |"
echo "|---|---:|---:|"
printf '%s\n' "${TABLE[@]}"
