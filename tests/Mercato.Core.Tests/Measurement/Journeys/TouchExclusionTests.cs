using System.Text;
using Mercato.Core.Measurement;

namespace Mercato.Core.Tests.Measurement.Journeys;

public class TouchExclusionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    private sealed class ListCursor((string User, long Time, int Channel)[] rows) : ITouchCursor
    {
        private int _at = -1;

        public ReadOnlySpan<byte> User => Encoding.UTF8.GetBytes(rows[_at].User);

        public long Time => rows[_at].Time;

        public int Channel => rows[_at].Channel;

        public bool HasTag => false;

        public ReadOnlySpan<byte> Tag => [];

        public bool Next() => ++_at < rows.Length;
    }

    [Fact]
    public void TheCursor_SkipsTouchesWithAFlaggedClicksUserChannelAndInstant_AndCountsThem()
    {
        var ms = T0.ToUnixTimeMilliseconds();
        var exclusion = new TouchExclusion([("u1", "App_Store", T0), ("u1", "app_store", T0), ("u2", "baidu_sem", T0.AddSeconds(5))]);
        var names = new Dictionary<int, string> { [1] = "app_store", [2] = "baidu_sem", [3] = "APP_STORE" };
        var rows = new[]
        {
            ("u1", ms, 1),          // left out: same user, channel (any case) and instant
            ("u1", ms + 1, 1),      // a millisecond later: kept
            ("u2", ms, 1),          // another user: kept
            ("u1", ms, 2),          // another channel: kept
            ("u2", ms + 5000, 2),   // left out
            ("u1", ms, 3),          // a channel named in other case: left out
        };

        var cursor = exclusion.Apply(new ListCursor(rows), names);
        var kept = new List<(string, long, int)>();
        while (cursor.Next())
        {
            kept.Add((Encoding.UTF8.GetString(cursor.User), cursor.Time, cursor.Channel));
        }

        Assert.Equal(2, exclusion.Count);   // the duplicate counts once
        Assert.Equal([("u1", ms + 1, 1), ("u2", ms, 1), ("u1", ms, 2)], kept);
        Assert.Equal(3, cursor.LeftOut);
    }

    [Fact]
    public void TheFingerprint_NamesTheSet_InAnyOrder()
    {
        var a = new TouchExclusion([("u1", "app_store", T0), ("u2", "baidu_sem", T0)]);
        var b = new TouchExclusion([("u2", "BAIDU_SEM", T0), ("u1", "app_store", T0)]);
        var c = new TouchExclusion([("u1", "app_store", T0), ("u2", "baidu_sem", T0.AddMilliseconds(1))]);

        Assert.Equal(a.ToString(), b.ToString());
        Assert.NotEqual(a.ToString(), c.ToString());
        Assert.Equal(0, TouchExclusion.None.Count);
        Assert.True(a.Contains(Encoding.UTF8.GetBytes("u2"), "Baidu_Sem", T0.ToUnixTimeMilliseconds()));
    }
}
