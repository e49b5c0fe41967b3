#!/usr/bin/env python3
"""Linear attribution in plain pandas, the yardstick for `mercato report attribution --model linear`.

    python3 benchmarks/pandas/linear_attribution.py TOUCHPOINTS.csv CONVERSIONS.csv [LOOKBACK_DAYS]

TOUCHPOINTS.csv has user_id,timestamp,channel (timestamp in Unix milliseconds); CONVERSIONS.csv has
user_id,timestamp,revenue. The journey rule is Mercato's (docs/measurement.md): each touch belongs to the user's next
conversion at or after it when that conversion is at most LOOKBACK_DAYS (default 30) away; every touch of a converting
journey gets an equal share of its conversion and revenue. Prints JSON: totals and per-channel credits.
"""
import json
import sys

import pandas as pd

touch_csv, conv_csv = sys.argv[1], sys.argv[2]
lookback_ms = int(sys.argv[3] if len(sys.argv) > 3 else 30) * 86_400_000

touches = pd.read_csv(touch_csv, dtype={"user_id": "string", "timestamp": "int64", "channel": "category"})
conversions = pd.read_csv(conv_csv, dtype={"user_id": "string", "timestamp": "int64", "revenue": "float64"})
conversions["conversion"] = range(len(conversions))

# The next conversion of the same user at or after each touch.
touches = touches.sort_values("timestamp")
conversions = conversions.sort_values("timestamp").rename(columns={"timestamp": "conv_ts"})
joined = pd.merge_asof(touches, conversions, left_on="timestamp", right_on="conv_ts", by="user_id",
                       direction="forward", allow_exact_matches=True)
joined = joined[joined["conv_ts"].notna() & (joined["conv_ts"] - joined["timestamp"] <= lookback_ms)]

# Equal shares within each converting journey.
size = joined.groupby("conversion")["conversion"].transform("size")
joined = joined.assign(credit=1.0 / size, revenue_credit=joined["revenue"] / size)
channels = joined.groupby("channel", observed=True)[["credit", "revenue_credit"]].sum().sort_index()

print(json.dumps({
    "model": "linear",
    "touchedConversions": int(joined["conversion"].nunique()),
    "totalConversions": int(len(conversions)),
    "totalRevenue": float(conversions["revenue"].sum()),
    "channels": [{"channel": c, "conversions": float(r.credit), "revenue": float(r.revenue_credit)}
                 for c, r in channels.iterrows()],
}, indent=1))
