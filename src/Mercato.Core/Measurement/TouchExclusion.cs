using System.Globalization;
using System.Text;

namespace Mercato.Core.Measurement;

/// <summary>
/// Touches left out of journeys: the clicks the invalid-traffic rules flagged (docs/ads.md, Measurement stays clean). A
/// touchpoint is a flagged click's record in a journey when it has the click's user, channel (ignoring case) and instant
/// to the millisecond; only flagged clicks that carry a user id can match one. Immutable; its <see cref="ToString"/> names
/// its contents, so a cached result keyed by a query that carries it is keyed by the set.
/// </summary>
public sealed class TouchExclusion
{
    private readonly Dictionary<(long Time, string Channel), List<byte[]>> _touches = [];

    /// <summary>The set of <paramref name="touches"/> (user id, channel, instant); duplicates count once.</summary>
    public TouchExclusion(IEnumerable<(string User, string Channel, DateTimeOffset Time)> touches)
    {
        ArgumentNullException.ThrowIfNull(touches);
        ulong print = 14_695_981_039_346_656_037UL;
        foreach (var (user, channel, time) in touches)
        {
            ArgumentNullException.ThrowIfNull(user);
            ArgumentNullException.ThrowIfNull(channel);
            var key = (time.ToUnixTimeMilliseconds(), channel.ToLowerInvariant());
            if (!_touches.TryGetValue(key, out var users))
            {
                users = [];
                _touches[key] = users;
            }

            var bytes = Encoding.UTF8.GetBytes(user);
            if (users.Exists(u => u.AsSpan().SequenceEqual(bytes)))
            {
                continue;
            }

            users.Add(bytes);
            Count++;
            // Order-independent fingerprint: the sum of each touch's FNV-1a hash.
            print += Hash(key.Item1, key.Item2, bytes);
        }

        Fingerprint = print.ToString("x16", CultureInfo.InvariantCulture);
    }

    /// <summary>No touch left out.</summary>
    public static TouchExclusion None { get; } = new([]);

    /// <summary>How many distinct touches the set holds.</summary>
    public int Count { get; }

    /// <summary>A hash of the contents, the same for the same set in any order.</summary>
    public string Fingerprint { get; }

    /// <summary>Every touch of the set: user id, channel name in lower case, instant (Unix ms); for a store that filters itself.</summary>
    public IEnumerable<(string User, string Channel, long Time)> Touches() =>
        _touches.SelectMany(t => t.Value.Select(u => (Encoding.UTF8.GetString(u), t.Key.Channel, t.Key.Time)));

    /// <summary>Whether the set holds the touch of <paramref name="user"/> (UTF-8) on <paramref name="channel"/> at <paramref name="time"/> (Unix ms).</summary>
    public bool Contains(ReadOnlySpan<byte> user, string channel, long time)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return ContainsLower(user, channel.ToLowerInvariant(), time);
    }

    /// <summary><see cref="Contains"/> for a channel name already in lower case.</summary>
    internal bool ContainsLower(ReadOnlySpan<byte> user, string channel, long time)
    {
        if (!_touches.TryGetValue((time, channel), out var users))
        {
            return false;
        }

        foreach (var u in users)
        {
            if (user.SequenceEqual(u))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The touches of <paramref name="touches"/> not in the set; channel ids are named by <paramref name="channelNames"/>.</summary>
    public ExcludingTouchCursor Apply(ITouchCursor touches, IReadOnlyDictionary<int, string> channelNames) => new(this, touches, channelNames);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"exclude {Count} {Fingerprint}");

    private static ulong Hash(long time, string channel, byte[] user)
    {
        var h = 14_695_981_039_346_656_037UL;
        void Mix(byte b) => h = (h ^ b) * 1_099_511_628_211UL;
        for (var i = 0; i < 8; i++)
        {
            Mix((byte)(time >> (8 * i)));
        }

        foreach (var c in channel)
        {
            Mix((byte)c);
            Mix((byte)(c >> 8));
        }

        Mix(0);
        foreach (var b in user)
        {
            Mix(b);
        }

        return h;
    }
}

/// <summary>A touch cursor that skips the touches of a <see cref="TouchExclusion"/> and counts them.</summary>
public sealed class ExcludingTouchCursor : ITouchCursor
{
    private readonly TouchExclusion _exclusion;
    private readonly ITouchCursor _inner;
    private readonly IReadOnlyDictionary<int, string> _channelNames;

    internal ExcludingTouchCursor(TouchExclusion exclusion, ITouchCursor inner, IReadOnlyDictionary<int, string> channelNames)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(channelNames);
        _exclusion = exclusion;
        _inner = inner;
        _channelNames = channelNames.ToDictionary(c => c.Key, c => c.Value.ToLowerInvariant());
    }

    /// <summary>The touches skipped so far.</summary>
    public long LeftOut { get; private set; }

    /// <inheritdoc/>
    public ReadOnlySpan<byte> User => _inner.User;

    /// <inheritdoc/>
    public long Time => _inner.Time;

    /// <inheritdoc/>
    public int Channel => _inner.Channel;

    /// <inheritdoc/>
    public bool HasTag => _inner.HasTag;

    /// <inheritdoc/>
    public ReadOnlySpan<byte> Tag => _inner.Tag;

    /// <inheritdoc/>
    public bool Next()
    {
        while (_inner.Next())
        {
            if (_exclusion.Count == 0 || !_channelNames.TryGetValue(_inner.Channel, out var name) || !_exclusion.ContainsLower(_inner.User, name, _inner.Time))
            {
                return true;
            }

            LeftOut++;
        }

        return false;
    }
}
