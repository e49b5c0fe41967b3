using Dapper;
using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;
using Mercato.Storage.Sqlite;

namespace Mercato.Storage.Campaigns;

/// <summary>
/// Live-stream sessions of the <c>livestreams</c> kind read back as the campaign core's <see cref="LiveStreamSession"/>
/// records, with their figures (<see cref="LiveStreams.Metrics"/>) and the host leaderboard
/// (<see cref="LiveStreams.Leaderboard"/>; staff hosts named from the people directory). A range of days selects the
/// sessions that start on those local days of the workspace time zone.
/// </summary>
public sealed class LiveStreamQueries(MercatoStore store)
{
    /// <summary>The sessions starting on the local days <paramref name="from"/> to <paramref name="to"/>, by start, then session id.</summary>
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public IReadOnlyList<LiveStreamSession> Sessions(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw new ArgumentException("the range ends before it starts", nameof(to));
        }

        var zone = store.TimeZone;
        var first = LocalTime.MidnightIn(from, zone).ToUnixTimeMilliseconds();
        var end = LocalTime.MidnightIn(to.AddDays(1), zone).ToUnixTimeMilliseconds();
        using var connection = store.OpenConnection();
        return connection.Query<Row>(
                """
                SELECT session_id AS SessionId, campaign AS Campaign, host AS Host, host_kind AS HostKind, ts AS Start,
                       end_ts AS End, viewers AS Viewers, peak_viewers AS PeakViewers, new_followers AS NewFollowers,
                       orders AS Orders, gmv AS Gmv
                FROM livestreams WHERE ts >= @first AND ts < @end ORDER BY ts, session_id
                """,
                new { first, end })
            .Select(r => r.ToSession())
            .ToList();
    }

    /// <summary>The figures of each session of <see cref="Sessions"/>, in the same order.</summary>
    public IReadOnlyList<SessionMetrics> Metrics(DateOnly from, DateOnly to) => [.. Sessions(from, to).Select(LiveStreams.Metrics)];

    /// <summary>
    /// The host leaderboard over the sessions of <see cref="Sessions"/>; staff hosts are named from
    /// <paramref name="people"/>, by default the stored people directory.
    /// </summary>
    public IReadOnlyList<HostLine> Leaderboard(DateOnly from, DateOnly to, IEnumerable<Person>? people = null) =>
        LiveStreams.Leaderboard(Sessions(from, to), people ?? new CampaignStore(store).People());

    private sealed class Row
    {
        public string SessionId { get; set; } = "";

        public string? Campaign { get; set; }

        public string Host { get; set; } = "";

        public string HostKind { get; set; } = "";

        public long Start { get; set; }

        public long End { get; set; }

        public long Viewers { get; set; }

        public long PeakViewers { get; set; }

        public long NewFollowers { get; set; }

        public long Orders { get; set; }

        public long Gmv { get; set; }

        public LiveStreamSession ToSession() =>
            new(SessionId, Campaign,
                EnumWords.TryParse<HostKind>(HostKind, out var kind)
                    ? kind
                    : throw new InvalidDataException("unknown host kind '" + HostKind + "' in livestreams"),
                Host, DateTimeOffset.FromUnixTimeMilliseconds(Start), DateTimeOffset.FromUnixTimeMilliseconds(End), Viewers,
                PeakViewers, NewFollowers, Orders, Money.FromStore(Gmv));
    }
}
