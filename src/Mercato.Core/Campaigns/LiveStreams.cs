using Mercato.Core.DataCenter;

namespace Mercato.Core.Campaigns;

/// <summary>The figures of one session (<see cref="LiveStreams.Metrics"/>).</summary>
/// <param name="SessionId">The session.</param>
/// <param name="Hours">(end − start) in hours.</param>
/// <param name="ViewerHours">viewers × hours: an upper bound of the time watched (see <see cref="LiveStreams"/>).</param>
/// <param name="GmvPerViewerHour">gmv / viewer-hours; null when viewer-hours are 0.</param>
/// <param name="OrderConversion">orders / viewers; null without viewers.</param>
/// <param name="FollowerGain">new followers / viewers; null without viewers.</param>
public sealed record SessionMetrics(string SessionId, double Hours, double ViewerHours, double? GmvPerViewerHour, double? OrderConversion, double? FollowerGain);

/// <summary>A host's line of the live-stream leaderboard: sums over their sessions and ratios of the sums.</summary>
/// <param name="Rank">Competition rank on (GMV, GMV per viewer-hour).</param>
/// <param name="HostKind">Staff or influencer.</param>
/// <param name="Host">The person id, or the influencer's name.</param>
/// <param name="Name">The person's name from the directory (the id when unknown), or the influencer's name.</param>
/// <param name="Sessions">Number of sessions.</param>
/// <param name="Hours">Σ hours.</param>
/// <param name="Viewers">Σ viewers (a viewer of two sessions counts twice).</param>
/// <param name="ViewerHours">Σ viewers × hours.</param>
/// <param name="Orders">Σ orders.</param>
/// <param name="NewFollowers">Σ new followers.</param>
/// <param name="Gmv">Σ GMV.</param>
/// <param name="GmvPerViewerHour">Σ GMV / Σ viewer-hours; null when 0 viewer-hours.</param>
/// <param name="OrderConversion">Σ orders / Σ viewers; null without viewers.</param>
/// <param name="FollowerGain">Σ new followers / Σ viewers; null without viewers.</param>
public sealed record HostLine(
    int Rank, HostKind HostKind, string Host, string Name, int Sessions, double Hours, long Viewers, double ViewerHours,
    long Orders, long NewFollowers, decimal Gmv, double? GmvPerViewerHour, double? OrderConversion, double? FollowerGain);

/// <summary>
/// Live-stream commerce (DOMAIN.md §6): session checks, per-session figures and a host leaderboard that puts staff hosts
/// and influencers side by side.
/// </summary>
/// <remarks>
/// Viewer-hours are approximated as viewers × session hours, as if every viewer watched the whole session. Platforms
/// report unique viewers, not time watched, so this is an upper bound of the true viewer-hours and GMV per viewer-hour is
/// a lower bound of the true figure. It compares sessions fairly only when audiences stay for a similar share of the
/// session; a long session with drop-in viewers looks worse than it is. (Peak viewers × hours would be a tighter upper
/// bound of concurrent viewing, but peak is one moment and swings with promotions, so unique viewers are used.)
/// </remarks>
public static class LiveStreams
{
    /// <summary>
    /// Every problem of a session (<see cref="LiveStreamRules.Validate"/>), and a staff host who is not in
    /// <paramref name="people"/> when the directory is given.
    /// </summary>
    public static IReadOnlyList<Problem> Validate(LiveStreamSession session, IEnumerable<Person>? people = null) =>
        LiveStreamRules.Validate(session, people?.Select(p => p.Id));

    /// <summary>
    /// A session's figures: hours = (end − start) in hours; viewer-hours = viewers × hours; GMV per viewer-hour = gmv /
    /// viewer-hours; order conversion = orders / viewers; follower gain = new followers / viewers. A ratio with a zero
    /// denominator is null.
    /// </summary>
    public static SessionMetrics Metrics(LiveStreamSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var hours = Math.Max(0, session.Hours);
        var viewerHours = session.Viewers * hours;
        return new SessionMetrics(
            session.SessionId, hours, viewerHours,
            viewerHours > 0 ? (double)session.Gmv / viewerHours : null,
            Ratio(session.Orders, session.Viewers),
            Ratio(session.NewFollowers, session.Viewers));
    }

    /// <summary>
    /// The host leaderboard: one line per host (kind and id; influencer names compared ignoring case, shown in the
    /// ordinally first spelling), ratios computed from the sums (not averaged per session). Best first: GMV descending,
    /// then GMV per viewer-hour descending (none last), then staff before influencers, then host (ordinal).
    /// </summary>
    public static IReadOnlyList<HostLine> Leaderboard(IEnumerable<LiveStreamSession> sessions, IEnumerable<Person>? people = null)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var names = (people ?? []).GroupBy(p => p.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        var lines = sessions
            .GroupBy(s => (s.HostKind, Key: s.HostKind == HostKind.Influencer ? s.Host.Trim().ToUpperInvariant() : s.Host))
            .Select(g =>
            {
                var host = g.Key.HostKind == HostKind.Influencer
                    ? g.Select(s => s.Host.Trim()).Order(StringComparer.Ordinal).First()
                    : g.Key.Key;
                var hours = g.Sum(s => Math.Max(0, s.Hours));
                var viewers = g.Sum(s => s.Viewers);
                var viewerHours = g.Sum(s => s.Viewers * Math.Max(0, s.Hours));
                var orders = g.Sum(s => s.Orders);
                var followers = g.Sum(s => s.NewFollowers);
                var gmv = g.Sum(s => s.Gmv);
                var name = g.Key.HostKind == HostKind.Staff ? names.GetValueOrDefault(host, host) : host;
                return new HostLine(0, g.Key.HostKind, host, name, g.Count(), hours, viewers, viewerHours, orders, followers, gmv,
                    viewerHours > 0 ? (double)gmv / viewerHours : null, Ratio(orders, viewers), Ratio(followers, viewers));
            })
            .OrderByDescending(l => l.Gmv)
            .ThenByDescending(l => l.GmvPerViewerHour ?? double.NegativeInfinity)
            .ThenBy(l => l.HostKind)
            .ThenBy(l => l.Host, StringComparer.Ordinal)
            .ToList();
        return Referrals.Ranked(lines, l => (l.Gmv, l.GmvPerViewerHour), (rank, l) => l with { Rank = rank });
    }

    private static double? Ratio(long numerator, long denominator) => denominator > 0 ? (double)numerator / denominator : null;
}
