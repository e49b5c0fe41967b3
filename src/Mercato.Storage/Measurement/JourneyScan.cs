using System.Text;
using Dapper;
using Mercato.Core.Campaigns;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Mercato.Storage.Measurement;

/// <summary>
/// One journey as <see cref="JourneyScan"/> finds it; the spans are valid only during the sink's call. Labels are codes
/// into <see cref="JourneyScan.Labels"/>, in time order, with each touch's instant (Unix ms) beside it; no labels means a
/// conversion no touch led to. At is the conversion's instant, or the last touch's for a non-converting journey; revenue
/// and cost (stored units) are 0 when not converted; repeat tells whether the user had converted before.
/// </summary>
internal readonly ref struct ScannedJourney(
    ReadOnlySpan<int> labels, ReadOnlySpan<long> touchTimes, bool converted, long at, long revenue, long cost, bool repeat)
{
    public ReadOnlySpan<int> Labels { get; } = labels;

    public ReadOnlySpan<long> TouchTimes { get; } = touchTimes;

    public bool Converted { get; } = converted;

    public long At { get; } = at;

    public long Revenue { get; } = revenue;

    public long Cost { get; } = cost;

    public bool Repeat { get; } = repeat;
}

/// <summary>
/// Assembles journeys in one ordered pass over the store: touchpoints and conversions are read in (user, time) order
/// from their covering indexes and merged, and each journey is handed to a sink as soon as it closes. Only the current
/// user's open journey is held in memory, never the events, so the pass costs one index scan per table (measured in
/// benchmarks/RESULTS.md). Aggregations (distinct paths, by month, timed) are sinks that fold the journeys into counts.
/// <para>
/// Rules (docs/measurement.md): each touch belongs to the user's next conversion at or after it (touches sort before a
/// conversion at the same instant); it is in that conversion's journey when the conversion is at most the lookback
/// after it, otherwise in the non-converting journey formed by the earlier touches of the same gap between conversions.
/// Touches after the user's last conversion form a non-converting journey. Conversions count when they fall in
/// [from, to]; touches count from the lookback before <c>from</c> up to <c>to</c>; a non-converting journey counts when its
/// last touch lies in [from, to].
/// </para>
/// </summary>
internal sealed class JourneyScan
{
    private readonly List<string> _labels = [];
    private readonly Dictionary<string, int> _campaignCodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _referralCodes = new(StringComparer.Ordinal);

    private JourneyScan()
    {
    }

    /// <summary>The label of each code a sink receives.</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>Runs the scan, calling <paramref name="sink"/> for every journey that counts.</summary>
    public static JourneyScan Run(SqliteConnection connection, JourneyQuery query, JourneySink sink)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.LookbackDays);
        var scan = new JourneyScan();
        scan.Execute(connection, query, sink);
        return scan;
    }

    public delegate void JourneySink(in ScannedJourney journey);

    private void Execute(SqliteConnection connection, JourneyQuery query, JourneySink sink)
    {
        long lookback = query.LookbackDays * 86_400_000L;
        var (from, to) = Bounds(query.From, query.To);
        long touchFrom = from == long.MinValue ? long.MinValue : from - lookback;
        var byCampaign = query.Label == JourneyLabel.Campaign;
        var byReferral = query.Label == JourneyLabel.Referral;

        // Channel codes are their ids; campaign and referral codes are assigned as they appear.
        var channelNames = connection.Query<(long Id, string Name)>("SELECT id, name FROM channels").ToDictionary(c => (int)c.Id, c => c.Name);
        var channelCode = new Dictionary<int, int>();
        int CodeOfChannel(int id)
        {
            if (!channelCode.TryGetValue(id, out var code))
            {
                code = _labels.Count;
                _labels.Add(channelNames[id]);
                channelCode[id] = code;
            }

            return code;
        }

        // A touch with a referral code is labelled by the code (normalized, after the prefix that keeps it apart from a
        // channel of the same name); a blank code is no code.
        int CodeOfReferral(string text)
        {
            if (Referrals.Normalize(text) is not { } normalized)
            {
                return -1;
            }

            if (!_referralCodes.TryGetValue(normalized, out var code))
            {
                code = _labels.Count;
                _labels.Add(JourneyQueries.ReferralPrefix + normalized);
                _referralCodes[normalized] = code;
            }

            return code;
        }

        var db = connection.Handle!;
        var bounded = touchFrom != long.MinValue || to != long.MaxValue;
        using var touches = Prepare(db,
            $"SELECT user_id, ts, channel_id{(byCampaign ? ", campaign" : byReferral ? ", referral_code" : "")} FROM touchpoints INDEXED BY touchpoints_journey"
            + (bounded ? " WHERE ts BETWEEN ?1 AND ?2" : "") + " ORDER BY user_id, ts");
        if (bounded)
        {
            raw.sqlite3_bind_int64(touches, 1, touchFrom);
            raw.sqlite3_bind_int64(touches, 2, to);
        }
        using var conversions = Prepare(db,
            "SELECT user_id, ts, revenue, COALESCE(cost, 0) FROM conversions INDEXED BY conversions_journey ORDER BY user_id, ts");

        var user = new UserKey();
        var touchUser = new UserKey();
        var convUser = new UserKey();
        var hasTouch = Step(db, touches, touchUser);
        var hasConv = Step(db, conversions, convUser);

        var labels = new List<int>();
        var times = new List<long>();
        byte[]? lastCampaign = null;
        var lastCampaignCode = -1;
        while (hasTouch || hasConv)
        {
            // The next user: the smaller of the two cursors' users, in the index's byte order.
            user.Set(!hasConv || (hasTouch && touchUser.CompareTo(convUser) <= 0) ? touchUser.Bytes : convUser.Bytes);
            var conversionsSoFar = 0;
            labels.Clear();
            times.Clear();
            while (true)
            {
                var touchHere = hasTouch && touchUser.SameAs(user);
                var convHere = hasConv && convUser.SameAs(user);
                if (!touchHere && !convHere)
                {
                    break;
                }

                var touchTs = touchHere ? raw.sqlite3_column_int64(touches, 1) : 0;
                var convTs = convHere ? raw.sqlite3_column_int64(conversions, 1) : 0;
                if (touchHere && (!convHere || touchTs <= convTs))
                {
                    int code;
                    if (byCampaign)
                    {
                        var campaign = raw.sqlite3_column_blob(touches, 3);
                        if (lastCampaign is null || !campaign.SequenceEqual(lastCampaign))
                        {
                            var name = raw.sqlite3_column_type(touches, 3) == raw.SQLITE_NULL
                                ? JourneyQueries.NoCampaign
                                : Encoding.UTF8.GetString(campaign);
                            if (!_campaignCodes.TryGetValue(name, out lastCampaignCode))
                            {
                                lastCampaignCode = _labels.Count;
                                _labels.Add(name);
                                _campaignCodes[name] = lastCampaignCode;
                            }

                            lastCampaign = campaign.ToArray();
                        }

                        code = lastCampaignCode;
                    }
                    else if (byReferral && raw.sqlite3_column_type(touches, 3) != raw.SQLITE_NULL
                        && CodeOfReferral(raw.sqlite3_column_text(touches, 3).utf8_to_string()) is var referral and >= 0)
                    {
                        code = referral;
                    }
                    else
                    {
                        code = CodeOfChannel(raw.sqlite3_column_int(touches, 2));
                    }

                    labels.Add(code);
                    times.Add(touchTs);
                    hasTouch = Step(db, touches, touchUser);
                    continue;
                }

                // A conversion closes the gap: touches more than the lookback before it form a non-converting journey.
                var revenue = raw.sqlite3_column_int64(conversions, 2);
                var cost = raw.sqlite3_column_int64(conversions, 3);
                var early = 0;
                while (early < times.Count && convTs - times[early] > lookback)
                {
                    early++;
                }

                var repeat = conversionsSoFar > 0;
                if (early > 0 && times[early - 1] >= from)
                {
                    sink(new ScannedJourney(Span(labels)[..early], Span(times)[..early], false, times[early - 1], 0, 0, repeat));
                }

                if (convTs >= from && convTs <= to)
                {
                    sink(new ScannedJourney(Span(labels)[early..], Span(times)[early..], true, convTs, revenue, cost, repeat));
                }

                conversionsSoFar++;
                labels.Clear();
                times.Clear();
                hasConv = Step(db, conversions, convUser);
            }

            if (times.Count > 0 && times[^1] >= from)
            {
                sink(new ScannedJourney(Span(labels), Span(times), false, times[^1], 0, 0, conversionsSoFar > 0));
            }
        }
    }

    private static ReadOnlySpan<T> Span<T>(List<T> list) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list);

    /// <summary>
    /// The Unix-millisecond bounds of the UTC days [from, to], inclusive; open ends for nulls. Journeys, and the referral
    /// touches counted beside them, use these same bounds.
    /// </summary>
    internal static (long First, long Last) Bounds(DateOnly? from, DateOnly? to) =>
        (from is { } f ? DayStart(f) : long.MinValue, to is { } t ? DayStart(t.AddDays(1)) - 1 : long.MaxValue);

    private static long DayStart(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static sqlite3_stmt Prepare(sqlite3 db, string sql)
    {
        var rc = raw.sqlite3_prepare_v2(db, sql, out var statement);
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
        }

        return statement;
    }

    /// <summary>Steps a cursor; on a row, loads column 0 (the user) into <paramref name="user"/>.</summary>
    private static bool Step(sqlite3 db, sqlite3_stmt statement, UserKey user)
    {
        var rc = raw.sqlite3_step(statement);
        if (rc == raw.SQLITE_DONE)
        {
            return false;
        }

        if (rc != raw.SQLITE_ROW)
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
        }

        user.Set(raw.sqlite3_column_blob(statement, 0));
        return true;
    }

    /// <summary>A user id's UTF-8 bytes, compared as SQLite's BINARY collation orders them (memcmp, then length).</summary>
    private sealed class UserKey
    {
        private byte[] _bytes = new byte[64];

        public int Length { get; private set; }

        public ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, Length);

        public void Set(ReadOnlySpan<byte> value)
        {
            if (value.SequenceEqual(Bytes))
            {
                return;
            }

            if (value.Length > _bytes.Length)
            {
                _bytes = new byte[Math.Max(value.Length, _bytes.Length * 2)];
            }

            value.CopyTo(_bytes);
            Length = value.Length;
        }

        public int CompareTo(UserKey other) => Bytes.SequenceCompareTo(other.Bytes);

        public bool SameAs(UserKey other) => Bytes.SequenceEqual(other.Bytes);

        public override string ToString() => Encoding.UTF8.GetString(Bytes);
    }
}
