using System.Globalization;
using Dapper;
using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;
using Mercato.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Mercato.Storage.Campaigns;

/// <summary>The brand board's channel evidence over a window (<see cref="CampaignQueries.ChannelEvidence"/>).</summary>
/// <param name="SearchPortalTouchpoints">Touchpoints on a paid search, content or PR and earned channel (step 2).</param>
/// <param name="PrTouchpoints">Touchpoints on a PR and earned channel (step 7).</param>
/// <param name="ActiveChannels">Distinct channels with a touchpoint or a spend row (step 3).</param>
/// <param name="NewChannels">Channels first seen in the window (step 3).</param>
public sealed record ChannelEvidence(long SearchPortalTouchpoints, long PrTouchpoints, long ActiveChannels, long NewChannels);

/// <summary>
/// The aggregates the campaign core needs from the fact tables (docs/campaigns.md, "Evaluation, budgets and the brand
/// board from the store"): campaign-scope and business figures for the evaluation, channel actuals for the budget check,
/// campaign × channel spend and channel counts for the brand board. The store does every GROUP BY and returns sums or
/// one row per channel; nothing reads raw events into .NET.
/// </summary>
/// <remarks>
/// Windows are local days of the workspace time zone. Spend rows carry their day as written (a local day already);
/// touchpoints and conversions are instants, counted from the local midnight that starts the first day to the one that
/// ends the last. Campaign codes join exactly (ordinal), as <see cref="Budgets.SpendActuals"/> does.
/// </remarks>
public sealed class CampaignQueries(MercatoStore store)
{
    /// <summary>
    /// Facts carrying one of <paramref name="codes"/> in <paramref name="window"/>: Σ impressions and Σ clicks of the spend
    /// rows, the touchpoints and their distinct users.
    /// </summary>
    public CampaignScopeFigures Scope(IReadOnlyCollection<string> codes, DateRange window)
    {
        ArgumentNullException.ThrowIfNull(codes);
        Valid(window);
        if (codes.Count == 0)
        {
            return new CampaignScopeFigures(0, 0, 0, 0);
        }

        using var connection = store.OpenConnection();
        using var tx = connection.BeginTransaction(deferred: true);
        var p = Parameters(window, codes);
        var spend = connection.QuerySingle<(long? Impressions, long? Clicks)>(
            "SELECT SUM(impressions), SUM(clicks) FROM spend WHERE campaign IN @codes AND day BETWEEN @from AND @to", p, tx);
        var touches = connection.QuerySingle<(long Touchpoints, long Users)>(
            "SELECT COUNT(*), COUNT(DISTINCT user_id) FROM touchpoints WHERE campaign IN @codes AND ts >= @first AND ts < @end", p, tx);
        tx.Commit();
        return new CampaignScopeFigures(spend.Impressions ?? 0, spend.Clicks ?? 0, touches.Touchpoints, touches.Users);
    }

    /// <summary>The whole business over <paramref name="window"/>: Σ impressions of all spend rows, all touchpoints, all conversions and their revenue.</summary>
    public BusinessFigures Business(DateRange window)
    {
        Valid(window);
        using var connection = store.OpenConnection();
        using var tx = connection.BeginTransaction(deferred: true);
        var p = Parameters(window);
        var impressions = connection.ExecuteScalar<long?>("SELECT SUM(impressions) FROM spend WHERE day BETWEEN @from AND @to", p, tx);
        var touchpoints = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM touchpoints WHERE ts >= @first AND ts < @end", p, tx);
        var conversions = connection.QuerySingle<(long Count, long? Revenue)>(
            "SELECT COUNT(*), SUM(revenue) FROM conversions WHERE ts >= @first AND ts < @end", p, tx);
        tx.Commit();
        return new BusinessFigures(impressions ?? 0, touchpoints, conversions.Count, Money.FromStore(conversions.Revenue ?? 0));
    }

    /// <summary>
    /// The channel actuals of <paramref name="campaign"/>: Σ spend per channel (lower-cased) of the spend rows carrying one
    /// of its codes, dated in <paramref name="window"/> (default: its schedule), ordered by channel. The store's side of
    /// <see cref="Budgets.SpendActuals"/>.
    /// </summary>
    public IReadOnlyList<BudgetActual> ChannelActuals(Campaign campaign, DateRange? window = null)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var w = window ?? campaign.Schedule;
        Valid(w);
        if (campaign.Codes.Count == 0)
        {
            return [];
        }

        using var connection = store.OpenConnection();
        return [.. connection.Query<(string Channel, long Spend)>(
                """
                SELECT c.name, SUM(s.spend) FROM spend s JOIN channels c ON c.id = s.channel_id
                WHERE s.campaign IN @codes AND s.day BETWEEN @from AND @to
                GROUP BY s.channel_id
                """,
                Parameters(w, campaign.Codes))
            .GroupBy(r => r.Channel.ToLowerInvariant(), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new BudgetActual(BudgetItemKind.Channel, g.Key, Money.FromStore(g.Sum(r => r.Spend))))];
    }

    /// <summary>
    /// The cost actuals of <paramref name="campaign"/>: Σ amount per category of the cost rows carrying one of its codes,
    /// whatever their month (costs are booked by month, and an invoice often lands after the campaign), ordered by category.
    /// Cost rows without a campaign are the department's and belong to no campaign.
    /// </summary>
    public IReadOnlyList<BudgetActual> CostActuals(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (campaign.Codes.Count == 0)
        {
            return [];
        }

        using var connection = store.OpenConnection();
        return [.. connection.Query<(string Category, long Amount)>(
                "SELECT category, SUM(amount) FROM costs WHERE campaign IN @codes GROUP BY category ORDER BY category",
                new { codes = campaign.Codes })
            .Select(r => new BudgetActual(BudgetItemKind.Cost, r.Category, Money.FromStore(r.Amount)))];
    }

    /// <summary>
    /// Spend per campaign and channel over <paramref name="window"/> for the brand board's step 8: the codes of the spend
    /// rows mapped to campaign ids by <see cref="CampaignCalendar.CodeMap"/> (exact; a code no campaign claims and a row
    /// without a code give a null campaign), channels lower-cased; ordered by campaign (null first), then channel.
    /// </summary>
    public IReadOnlyList<CampaignChannelSpend> CampaignChannelSpend(IEnumerable<Campaign> campaigns, DateRange window)
    {
        ArgumentNullException.ThrowIfNull(campaigns);
        Valid(window);
        var codes = CampaignCalendar.CodeMap(campaigns);
        using var connection = store.OpenConnection();
        return [.. connection.Query<(string? Code, string Channel, long Spend)>(
                """
                SELECT s.campaign, c.name, SUM(s.spend) FROM spend s JOIN channels c ON c.id = s.channel_id
                WHERE s.day BETWEEN @from AND @to
                GROUP BY s.campaign, s.channel_id
                """,
                Parameters(window))
            .GroupBy(r => (Campaign: r.Code is not null && codes.TryGetValue(r.Code, out var id) ? id : null, Channel: r.Channel.ToLowerInvariant()))
            .OrderBy(g => g.Key.Campaign, StringComparer.Ordinal).ThenBy(g => g.Key.Channel, StringComparer.Ordinal)
            .Select(g => new CampaignChannelSpend(g.Key.Campaign, g.Key.Channel, Money.FromStore(g.Sum(r => r.Spend))))];
    }

    /// <summary>The channel catalog's groups as one text (<c>id:group</c>, by id): results that depend on the groups are kept only while it is the same.</summary>
    public string ChannelGroupsSignature()
    {
        using var connection = store.OpenConnection();
        return connection.ExecuteScalar<string?>("SELECT group_concat(id || ':' || grp, ',') FROM (SELECT id, grp FROM channels ORDER BY id)") ?? "";
    }

    /// <summary>
    /// The brand board's channel evidence over <paramref name="window"/>, from two passes over the touchpoints (one counting
    /// the window's touches per channel, one finding each channel's first touch) and the small spend and channel tables:
    /// <list type="bullet">
    /// <item>search and portal touchpoints (step 2): touchpoints on a channel in <see cref="BrandCycle.SearchPortalGroups"/>;</item>
    /// <item>PR touchpoints (step 7): touchpoints on a pr_earned channel;</item>
    /// <item>active channels (step 3): distinct channels with a touchpoint or a spend row in the window;</item>
    /// <item>new channels (step 3): channels whose first touchpoint or spend row in all the data (the earlier of the two,
    /// a touchpoint's day being its local day) falls in the window.</item>
    /// </list>
    /// </summary>
    public ChannelEvidence ChannelEvidence(DateRange window)
    {
        Valid(window);
        var zone = store.TimeZone;
        var p = Parameters(window);
        using var connection = store.OpenConnection();
        using var tx = connection.BeginTransaction(deferred: true);
        var groups = connection.Query<(long Id, string Group)>("SELECT id, grp FROM channels", transaction: tx).ToDictionary(c => c.Id, c => c.Group);
        var touches = connection.Query<(long Channel, long Count)>(
            "SELECT channel_id, COUNT(*) FROM touchpoints WHERE ts >= @first AND ts < @end GROUP BY channel_id", p, tx).ToList();
        var spent = connection.Query<long>("SELECT DISTINCT channel_id FROM spend WHERE day BETWEEN @from AND @to", p, tx);
        var first = new Dictionary<long, DateOnly>();
        void Keep(long channel, DateOnly day) => first[channel] = first.TryGetValue(channel, out var d) && d <= day ? d : day;
        foreach (var (channel, ts) in connection.Query<(long, long)>("SELECT channel_id, MIN(ts) FROM touchpoints GROUP BY channel_id", transaction: tx))
        {
            Keep(channel, LocalTime.DayOf(DateTimeOffset.FromUnixTimeMilliseconds(ts), zone));
        }

        foreach (var (channel, day) in connection.Query<(long, string)>("SELECT channel_id, MIN(day) FROM spend GROUP BY channel_id", transaction: tx))
        {
            Keep(channel, DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        tx.Commit();
        var search = BrandCycle.SearchPortalGroups.Select(g => g.Slug()).ToHashSet(StringComparer.Ordinal);
        var pr = ChannelGroup.PrEarned.Slug();
        long InGroups(Func<string, bool> inGroup) => touches.Where(t => groups.TryGetValue(t.Channel, out var g) && inGroup(g)).Sum(t => t.Count);
        return new ChannelEvidence(
            InGroups(search.Contains),
            InGroups(g => g == pr),
            touches.Select(t => t.Channel).Union(spent).LongCount(),
            first.Values.LongCount(window.Contains));
    }

    /// <summary>
    /// The first and last local day with spend, a touchpoint or a conversion, or null when the store holds none of them:
    /// the span the brand board's default window is cut from.
    /// </summary>
    public DateRange? DataDays()
    {
        var zone = store.TimeZone;
        using var connection = store.OpenConnection();
        using var tx = connection.BeginTransaction(deferred: true);
        var spend = connection.QuerySingle<(string? First, string? Last)>("SELECT MIN(day), MAX(day) FROM spend", transaction: tx);
        var events = connection.QuerySingle<(long? First, long? Last)>(
            """
            SELECT MIN(f), MAX(l) FROM (
                SELECT MIN(ts) AS f, MAX(ts) AS l FROM touchpoints
                UNION ALL SELECT MIN(ts), MAX(ts) FROM conversions)
            """,
            transaction: tx);
        tx.Commit();
        var days = new List<DateOnly>();
        if (spend.First is not null && spend.Last is not null)
        {
            days.Add(DateOnly.ParseExact(spend.First, "yyyy-MM-dd", CultureInfo.InvariantCulture));
            days.Add(DateOnly.ParseExact(spend.Last, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (events.First is { } f && events.Last is { } l)
        {
            days.Add(LocalTime.DayOf(DateTimeOffset.FromUnixTimeMilliseconds(f), zone));
            days.Add(LocalTime.DayOf(DateTimeOffset.FromUnixTimeMilliseconds(l), zone));
        }

        return days.Count == 0 ? null : new DateRange(days.Min(), days.Max());
    }

    private DynamicParameters Parameters(DateRange window, IEnumerable<string>? codes = null)
    {
        var zone = store.TimeZone;
        var p = new DynamicParameters(new
        {
            from = Day(window.Start),
            to = Day(window.End),
            first = LocalTime.MidnightIn(window.Start, zone).ToUnixTimeMilliseconds(),
            end = LocalTime.MidnightIn(window.End.AddDays(1), zone).ToUnixTimeMilliseconds(),
        });
        if (codes is not null)
        {
            p.Add("codes", codes.ToList());
        }

        return p;
    }

    private static void Valid(DateRange window)
    {
        if (!window.IsValid)
        {
            throw new ArgumentException("the window " + window + " ends before it starts", nameof(window));
        }
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
