using System.Text.Json.Serialization;

namespace Mercato.Core.DataCenter;

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

/// <summary>The checks every live-stream session passes, whether it arrives as a row of the livestreams kind or is read back.</summary>
public static class LiveStreamRules
{
    /// <summary>A session lasts at most 48 hours; longer is taken for a unit error in the source.</summary>
    public const double MaxHours = 48;

    /// <summary>
    /// Every problem of a session (paths are the data contract's field names): session_id and host required, a staff host
    /// in <paramref name="staffIds"/> when given, end after start and at most <see cref="MaxHours"/> later, counts not
    /// negative, peak_viewers at most viewers and at least 1 when there are viewers, gmv not negative with at most 4
    /// decimals, and no gmv without orders.
    /// </summary>
    public static IReadOnlyList<Problem> Validate(LiveStreamSession session, IEnumerable<string>? staffIds = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        var problems = new List<Problem>();
        var s = session;
        TextRules.CheckRequiredText(s.SessionId, "session_id", problems);
        if (s.Campaign is not null)
        {
            TextRules.CheckRequiredText(s.Campaign, "campaign", problems);
        }

        if (!EnumWords.IsDefined(s.HostKind))
        {
            problems.Add(Problem.Of("host_kind", CommonCodes.UnknownChoice, ("expected", EnumWords.All<HostKind>())));
        }

        if (string.IsNullOrWhiteSpace(s.Host))
        {
            problems.Add(new("host", CommonCodes.Required));
        }
        else if (s.HostKind == HostKind.Staff && staffIds is not null && !staffIds.Contains(s.Host, StringComparer.Ordinal))
        {
            problems.Add(Problem.Of("host", ImportCodes.UnknownStaffHost, ("person", s.Host)));
        }
        else
        {
            TextRules.CheckText(s.Host, "host", TextRules.MaxTextLength, problems);
        }

        if (s.End <= s.Start)
        {
            problems.Add(new("end", ImportCodes.EndNotAfterStart));
        }
        else if (s.Hours > MaxHours)
        {
            problems.Add(Problem.Of("end", ImportCodes.SessionTooLong, ("max", MaxHours)));
        }

        NotNegative(s.Viewers, "viewers", problems);
        NotNegative(s.PeakViewers, "peak_viewers", problems);
        NotNegative(s.NewFollowers, "new_followers", problems);
        NotNegative(s.Orders, "orders", problems);
        if (s.PeakViewers > s.Viewers && s.Viewers >= 0)
        {
            problems.Add(Problem.Of("peak_viewers", ImportCodes.PeakExceedsViewers, ("peak", s.PeakViewers), ("viewers", s.Viewers)));
        }
        else if (s.Viewers > 0 && s.PeakViewers == 0)
        {
            problems.Add(new("peak_viewers", ImportCodes.PeakViewersZero));
        }

        if (s.Gmv < 0)
        {
            problems.Add(new("gmv", CommonCodes.Negative));
        }
        else if (s.Gmv > TextRules.MaxAmount || decimal.Round(s.Gmv, 4) != s.Gmv)
        {
            problems.Add(new("gmv", CommonCodes.AmountOutOfRange));
        }
        else if (s.Gmv > 0 && s.Orders == 0)
        {
            problems.Add(new("gmv", ImportCodes.GmvWithoutOrders));
        }

        return problems;
    }

    private static void NotNegative(long value, string path, List<Problem> problems)
    {
        if (value < 0)
        {
            problems.Add(new(path, CommonCodes.Negative));
        }
    }
}
