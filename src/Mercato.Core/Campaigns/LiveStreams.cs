using System.Globalization;
using System.Text.Json.Serialization;

namespace Mercato.Core.Campaigns;

/// <summary>Who fronts a live stream; written <c>staff</c> or <c>influencer</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HostKind>))]
public enum HostKind
{
    /// <summary>An employee from the people directory (from the CEO to store staff, DOMAIN.md §6).</summary>
    [JsonStringEnumMemberName("staff")]
    Staff,

    /// <summary>An outside influencer (KOL), named as text.</summary>
    [JsonStringEnumMemberName("influencer")]
    Influencer,
}

/// <summary>One live-stream session, as the platform's back office reports it.</summary>
/// <param name="SessionId">The platform's id of the session.</param>
/// <param name="Campaign">The campaign code it belongs to, or null.</param>
/// <param name="HostKind">Staff or influencer.</param>
/// <param name="Host">A person id for staff; the influencer's name (matched ignoring case) for an influencer.</param>
/// <param name="Start">When the stream went live.</param>
/// <param name="End">When it ended; after <paramref name="Start"/>.</param>
/// <param name="Viewers">Unique viewers over the session.</param>
/// <param name="PeakViewers">The most viewers at one moment; at most <paramref name="Viewers"/>.</param>
/// <param name="NewFollowers">Followers gained during the session.</param>
/// <param name="Orders">Orders placed from the stream.</param>
/// <param name="Gmv">Gross merchandise value of those orders.</param>
public sealed record LiveStreamSession(
    string SessionId,
    string? Campaign,
    HostKind HostKind,
    string Host,
    DateTimeOffset Start,
    DateTimeOffset End,
    long Viewers,
    long PeakViewers,
    long NewFollowers,
    long Orders,
    decimal Gmv)
{
    /// <summary>The session's length in hours.</summary>
    [JsonIgnore]
    public double Hours => (End - Start).TotalHours;
}

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
    /// <summary>A session lasts at most 48 hours; longer is taken for a unit error in the source.</summary>
    public const double MaxHours = 48;

    /// <summary>
    /// Every problem of a session (paths are the data contract's field names): session_id and host required, a staff host
    /// in <paramref name="people"/> when given, end after start and at most <see cref="MaxHours"/> later, counts not
    /// negative, peak_viewers at most viewers and at least 1 when there are viewers, gmv not negative with at most 4
    /// decimals, and no gmv without orders.
    /// </summary>
    public static IReadOnlyList<CampaignProblem> Validate(LiveStreamSession session, IEnumerable<Person>? people = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        var problems = new List<CampaignProblem>();
        var s = session;
        CampaignValidation.CheckRequiredText(s.SessionId, "session_id", "a session needs a session_id", problems);
        if (s.Campaign is not null)
        {
            CampaignValidation.CheckRequiredText(s.Campaign, "campaign", "the campaign code must not be empty (leave it out instead)", problems);
        }

        if (!CampaignWords.IsDefined(s.HostKind))
        {
            problems.Add(new("host_kind", "unknown host kind; expected " + CampaignWords.OneOf<HostKind>()));
        }

        if (string.IsNullOrWhiteSpace(s.Host))
        {
            problems.Add(new("host", "a session needs a host"));
        }
        else if (s.HostKind == HostKind.Staff && people is not null && !people.Any(p => string.Equals(p.Id, s.Host, StringComparison.Ordinal)))
        {
            problems.Add(new("host", "unknown person " + CampaignValidation.Quote(s.Host) + " (a staff host is a person id)"));
        }
        else
        {
            CampaignValidation.CheckText(s.Host, "host", CampaignValidation.MaxTextLength, problems);
        }

        if (s.End <= s.Start)
        {
            problems.Add(new("end", "the end must be after the start"));
        }
        else if (s.Hours > MaxHours)
        {
            problems.Add(new("end", string.Create(CultureInfo.InvariantCulture, $"a session lasts at most {MaxHours} hours")));
        }

        NotNegative(s.Viewers, "viewers", problems);
        NotNegative(s.PeakViewers, "peak_viewers", problems);
        NotNegative(s.NewFollowers, "new_followers", problems);
        NotNegative(s.Orders, "orders", problems);
        if (s.PeakViewers > s.Viewers && s.Viewers >= 0)
        {
            problems.Add(new("peak_viewers", string.Create(CultureInfo.InvariantCulture,
                $"peak_viewers ({s.PeakViewers}) cannot exceed viewers ({s.Viewers}): viewers counts everyone who watched, the peak the most at one moment")));
        }
        else if (s.Viewers > 0 && s.PeakViewers == 0)
        {
            problems.Add(new("peak_viewers", "peak_viewers must be at least 1 when the session had viewers"));
        }

        if (s.Gmv < 0)
        {
            problems.Add(new("gmv", "gmv must not be negative"));
        }
        else if (s.Gmv > CampaignValidation.MaxAmount || decimal.Round(s.Gmv, 4) != s.Gmv)
        {
            problems.Add(new("gmv", "gmv must be at most 10^14 with at most 4 decimals"));
        }
        else if (s.Gmv > 0 && s.Orders == 0)
        {
            problems.Add(new("gmv", "gmv without orders: a session with gmv needs its orders"));
        }

        return problems;
    }

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

    private static void NotNegative(long value, string path, List<CampaignProblem> problems)
    {
        if (value < 0)
        {
            problems.Add(new(path, path + " must not be negative"));
        }
    }
}
