using System.Runtime.InteropServices;
using System.Text;
using Mercato.Core.DataCenter;

namespace Mercato.Core.Measurement;

/// <summary>
/// Touchpoints in (user, time) order, as a store streams them into <see cref="JourneyScan"/>. Users compare by their UTF-8
/// bytes (ordinal, shorter first on a common prefix), which is how both stores order them (SQLite's BINARY collation,
/// PostgreSQL's <c>COLLATE "C"</c>). The spans are valid until the next <see cref="Next"/>.
/// </summary>
public interface ITouchCursor
{
    /// <summary>Moves to the next touch; false when there is none.</summary>
    bool Next();

    /// <summary>The user id's UTF-8 bytes.</summary>
    ReadOnlySpan<byte> User { get; }

    /// <summary>The instant, Unix milliseconds.</summary>
    long Time { get; }

    /// <summary>The channel's catalog id.</summary>
    int Channel { get; }

    /// <summary>Whether the touch carries the tag the query labels by (its campaign code or referral code).</summary>
    bool HasTag { get; }

    /// <summary>That tag's UTF-8 bytes (empty without one).</summary>
    ReadOnlySpan<byte> Tag { get; }
}

/// <summary>Conversions in (user, time) order, as a store streams them into <see cref="JourneyScan"/>.</summary>
public interface IConversionCursor
{
    /// <summary>Moves to the next conversion; false when there is none.</summary>
    bool Next();

    /// <summary>The user id's UTF-8 bytes.</summary>
    ReadOnlySpan<byte> User { get; }

    /// <summary>The instant, Unix milliseconds.</summary>
    long Time { get; }

    /// <summary>Revenue in stored units (<see cref="StoredMoney"/>).</summary>
    long Revenue { get; }

    /// <summary>Product cost in stored units, 0 when not given.</summary>
    long Cost { get; }
}

/// <summary>
/// One journey as <see cref="JourneyScan"/> finds it; the spans are valid only during the sink's call. Labels are codes
/// into <see cref="JourneyScan.Labels"/>, in time order, with each touch's instant (Unix ms) beside it; no labels means a
/// conversion no touch led to. At is the conversion's instant, or the last touch's for a non-converting journey; revenue
/// and cost (stored units) are 0 when not converted; repeat tells whether the user had converted before.
/// </summary>
public readonly ref struct ScannedJourney(
    ReadOnlySpan<int> labels, ReadOnlySpan<long> touchTimes, bool converted, long at, long revenue, long cost, bool repeat)
{
    /// <summary>Label codes in time order.</summary>
    public ReadOnlySpan<int> Labels { get; } = labels;

    /// <summary>Each touch's instant, Unix ms.</summary>
    public ReadOnlySpan<long> TouchTimes { get; } = touchTimes;

    /// <summary>Whether the journey ended in a conversion.</summary>
    public bool Converted { get; } = converted;

    /// <summary>The conversion's instant, or the last touch's.</summary>
    public long At { get; } = at;

    /// <summary>Revenue in stored units.</summary>
    public long Revenue { get; } = revenue;

    /// <summary>Product cost in stored units.</summary>
    public long Cost { get; } = cost;

    /// <summary>Whether the user had converted before this journey.</summary>
    public bool Repeat { get; } = repeat;
}

/// <summary>Receives each journey as it closes.</summary>
public delegate void JourneySink(in ScannedJourney journey);

/// <summary>
/// Assembles journeys in one ordered pass: touchpoints and conversions arrive in (user, time) order from two cursors and
/// are merged, and each journey is handed to a sink as soon as it closes. Only the current user's open journey is held in
/// memory, never the events, so a store pays one ordered scan per table (measured in benchmarks/RESULTS.md). Aggregations
/// (distinct paths, by month, timed) are sinks that fold the journeys into counts (<see cref="JourneyFolds"/>).
/// <para>
/// Rules (docs/measurement.md): each touch belongs to the user's next conversion at or after it (touches sort before a
/// conversion at the same instant); it is in that conversion's journey when the conversion is at most the lookback
/// after it, otherwise in the non-converting journey formed by the earlier touches of the same gap between conversions.
/// Touches after the user's last conversion form a non-converting journey. Conversions count when they fall in
/// [from, to]; touches count from the lookback before <c>from</c> up to <c>to</c> (the store filters them so,
/// <see cref="TouchWindow"/>); a non-converting journey counts when its last touch lies in [from, to].
/// </para>
/// </summary>
public sealed class JourneyScan
{
    private readonly List<string> _labels = [];
    private readonly Dictionary<string, int> _tagCodes = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _channelCodes = [];
    private readonly IReadOnlyDictionary<int, string> _channelNames;

    private JourneyScan(IReadOnlyDictionary<int, string> channelNames) => _channelNames = channelNames;

    /// <summary>The label of each code a sink receives.</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>
    /// The instants a store must stream touches from, inclusive (open ends as <see cref="long.MinValue"/> and
    /// <see cref="long.MaxValue"/>): from the lookback before the first day to the end of the last.
    /// </summary>
    public static (long First, long Last) TouchWindow(JourneyQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (from, to) = query.Bounds();
        return (from == long.MinValue ? long.MinValue : from - (query.LookbackDays * 86_400_000L), to);
    }

    /// <summary>
    /// Runs the scan over the two cursors, calling <paramref name="sink"/> for every journey that counts. Touches must be
    /// those of <see cref="TouchWindow"/> (earlier ones would open journeys that do not count) and carry the tag of the
    /// query's label: the campaign code for <see cref="JourneyLabel.Campaign"/>, the referral code for
    /// <see cref="JourneyLabel.Referral"/>, none for channels.
    /// </summary>
    /// <param name="query">Which journeys.</param>
    /// <param name="channelNames">Channel names by catalog id.</param>
    /// <param name="touches">Touchpoints in (user, time) order.</param>
    /// <param name="conversions">Every conversion in (user, time) order (earlier ones tell a repeat journey).</param>
    /// <param name="sink">Receives the journeys.</param>
    public static JourneyScan Run(
        JourneyQuery query, IReadOnlyDictionary<int, string> channelNames, ITouchCursor touches, IConversionCursor conversions, JourneySink sink)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(channelNames);
        ArgumentNullException.ThrowIfNull(touches);
        ArgumentNullException.ThrowIfNull(conversions);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.LookbackDays);
        var scan = new JourneyScan(channelNames);
        scan.Execute(query, touches, conversions, sink);
        return scan;
    }

    private int CodeOfChannel(int id)
    {
        if (!_channelCodes.TryGetValue(id, out var code))
        {
            code = _labels.Count;
            _labels.Add(_channelNames[id]);
            _channelCodes[id] = code;
        }

        return code;
    }

    private int CodeOfTag(string label)
    {
        if (!_tagCodes.TryGetValue(label, out var code))
        {
            code = _labels.Count;
            _labels.Add(label);
            _tagCodes[label] = code;
        }

        return code;
    }

    private void Execute(JourneyQuery query, ITouchCursor touches, IConversionCursor conversions, JourneySink sink)
    {
        long lookback = query.LookbackDays * 86_400_000L;
        var (from, to) = query.Bounds();
        var byCampaign = query.Label == JourneyLabel.Campaign;
        var byReferral = query.Label == JourneyLabel.Referral;

        var user = new UserKey();
        var touchUser = new UserKey();
        var convUser = new UserKey();
        var hasTouch = Step(touches, touchUser);
        var hasConv = Step(conversions, convUser);

        var labels = new List<int>();
        var times = new List<long>();
        byte[]? lastTag = null;
        var lastTagWasNull = false;
        var lastTagCode = -1;
        while (hasTouch || hasConv)
        {
            // The next user: the smaller of the two cursors' users, in byte order.
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

                var touchTs = touchHere ? touches.Time : 0;
                var convTs = convHere ? conversions.Time : 0;
                if (touchHere && (!convHere || touchTs <= convTs))
                {
                    int code;
                    if (byCampaign)
                    {
                        // Runs of the same campaign are common: compare the bytes before decoding.
                        var hasTag = touches.HasTag;
                        var tag = touches.Tag;
                        if (lastTag is null || hasTag == lastTagWasNull || !tag.SequenceEqual(lastTag))
                        {
                            lastTagCode = CodeOfTag(hasTag ? Encoding.UTF8.GetString(tag) : JourneyLabels.NoCampaign);
                            lastTag = tag.ToArray();
                            lastTagWasNull = !hasTag;
                        }

                        code = lastTagCode;
                    }
                    else if (byReferral && touches.HasTag && ReferralCode.Normalize(Encoding.UTF8.GetString(touches.Tag)) is { } referral)
                    {
                        // A blank code is no code: the touch is labelled by its channel.
                        code = CodeOfTag(JourneyLabels.Referral(referral));
                    }
                    else
                    {
                        code = CodeOfChannel(touches.Channel);
                    }

                    labels.Add(code);
                    times.Add(touchTs);
                    hasTouch = Step(touches, touchUser);
                    continue;
                }

                // A conversion closes the gap: touches more than the lookback before it form a non-converting journey.
                var revenue = conversions.Revenue;
                var cost = conversions.Cost;
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
                hasConv = Step(conversions, convUser);
            }

            if (times.Count > 0 && times[^1] >= from)
            {
                sink(new ScannedJourney(Span(labels), Span(times), false, times[^1], 0, 0, conversionsSoFar > 0));
            }
        }
    }

    private static ReadOnlySpan<T> Span<T>(List<T> list) => CollectionsMarshal.AsSpan(list);

    private static bool Step(ITouchCursor cursor, UserKey user)
    {
        if (!cursor.Next())
        {
            return false;
        }

        user.Set(cursor.User);
        return true;
    }

    private static bool Step(IConversionCursor cursor, UserKey user)
    {
        if (!cursor.Next())
        {
            return false;
        }

        user.Set(cursor.User);
        return true;
    }

    /// <summary>A user id's UTF-8 bytes, compared as the stores order them (memcmp, then length).</summary>
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
