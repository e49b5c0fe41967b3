using System.Globalization;
using Dapper;
using Mercato.Core.AdMonitoring;
using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;
using Mercato.Core.Measurement;

namespace Mercato.Storage.Relational;

/// <summary>
/// The aggregates the campaign core needs from the fact tables (<see cref="ICampaignFactReader"/>): the store does every
/// GROUP BY and returns sums or one row per channel; nothing reads raw events into .NET.
/// </summary>
internal sealed class RelationalCampaignFacts(RelationalStore store) : ICampaignFactReader
{
    public async Task<CampaignScopeFigures> ScopeAsync(IReadOnlyCollection<string> codes, DateRange window, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(codes);
        Valid(window);
        if (codes.Count == 0)
        {
            return new CampaignScopeFigures(0, 0, 0, 0);
        }

        var d = store.Dialect;
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await store.BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
        var p = Parameters(window, zone, codes);
        var spend = await connection.QuerySingleAsync<(long? Impressions, long? Clicks)>(new CommandDefinition(
            $"SELECT {d.Sum("impressions")}, {d.Sum("clicks")} FROM spend WHERE {d.In("campaign", "@codes")} AND day BETWEEN @from AND @to", p, tx,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var touches = await connection.QuerySingleAsync<(long Touchpoints, long Users)>(new CommandDefinition(
            $"SELECT COUNT(*), COUNT(DISTINCT user_id) FROM touchpoints WHERE {d.In("campaign", "@codes")} AND ts >= @first AND ts < @end", p, tx,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new CampaignScopeFigures(spend.Impressions ?? 0, spend.Clicks ?? 0, touches.Touchpoints, touches.Users);
    }

    public async Task<BusinessFigures> BusinessAsync(DateRange window, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        Valid(window);
        var d = store.Dialect;
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await store.BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
        var p = Parameters(window, zone);
        var impressions = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            $"SELECT {d.Sum("impressions")} FROM spend WHERE day BETWEEN @from AND @to", p, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var touchpoints = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM touchpoints WHERE ts >= @first AND ts < @end", p, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var conversions = await connection.QuerySingleAsync<(long Count, long? Revenue)>(new CommandDefinition(
            $"SELECT COUNT(*), {d.Sum("revenue")} FROM conversions WHERE ts >= @first AND ts < @end", p, tx,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new BusinessFigures(impressions ?? 0, touchpoints, conversions.Count, StoredMoney.FromUnits(conversions.Revenue ?? 0));
    }

    public async Task<IReadOnlyList<BudgetActual>> ChannelActualsAsync(IReadOnlyCollection<string> codes, DateRange window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(codes);
        Valid(window);
        if (codes.Count == 0)
        {
            return [];
        }

        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return [.. (await connection.QueryAsync<(string Channel, long Spend)>(new CommandDefinition(
                $"""
                SELECT c.name, {store.Dialect.Sum("s.spend")} FROM spend s JOIN channels c ON c.id = s.channel_id
                WHERE {store.Dialect.In("s.campaign", "@codes")} AND s.day BETWEEN @from AND @to
                GROUP BY c.name
                """,
                Parameters(window, TimeZoneInfo.Utc, codes), cancellationToken: cancellationToken)).ConfigureAwait(false))
            .GroupBy(r => r.Channel.ToLowerInvariant(), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new BudgetActual(BudgetItemKind.Channel, g.Key, StoredMoney.FromUnits(g.Sum(r => r.Spend))))];
    }

    public async Task<IReadOnlyList<DailySpend>> DailySpendAsync(
        IReadOnlyCollection<string>? codes, IReadOnlyCollection<string>? channels, DateRange window, CancellationToken cancellationToken)
    {
        Valid(window);
        if (codes is { Count: 0 } || channels is { Count: 0 })
        {
            return [];
        }

        var d = store.Dialect;
        var where = new List<string> { "s.day BETWEEN @from AND @to" };
        var p = Parameters(window, TimeZoneInfo.Utc, codes);
        if (codes is not null)
        {
            where.Add(d.In("s.campaign", "@codes"));
        }

        if (channels is not null)
        {
            where.Add(d.In("LOWER(c.name)", "@channels"));
            p.Add("channels", channels.Select(c => c.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList());
        }

        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return [.. (await connection.QueryAsync<(string Day, long Spend)>(new CommandDefinition(
                $"""
                SELECT s.day, {d.Sum("s.spend")} FROM spend s JOIN channels c ON c.id = s.channel_id
                WHERE {string.Join(" AND ", where)}
                GROUP BY s.day ORDER BY s.day
                """,
                p, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(r => new DailySpend(DateOnly.ParseExact(r.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture), StoredMoney.FromUnits(r.Spend)))];
    }

    public async Task<IReadOnlyList<DeliveryRow>> DeliveryAsync(DateRange window, CancellationToken cancellationToken)
    {
        Valid(window);
        var d = store.Dialect;
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Day, string Channel, string? Code, long Spend, long? Impressions, long? Clicks, long? Conversions)>(new CommandDefinition(
            $"""
            SELECT s.day, c.name, s.campaign, {d.Sum("s.spend")}, {d.Sum("s.impressions")}, {d.Sum("s.clicks")}, {d.Sum("s.conversions")}
            FROM spend s JOIN channels c ON c.id = s.channel_id
            WHERE s.day BETWEEN @from AND @to
            GROUP BY s.day, c.name, s.campaign
            """,
            Parameters(window, TimeZoneInfo.Utc), cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows
            .GroupBy(r => (r.Day, Channel: r.Channel.ToLowerInvariant(), r.Code))
            .OrderBy(g => g.Key.Day, StringComparer.Ordinal).ThenBy(g => g.Key.Channel, StringComparer.Ordinal).ThenBy(g => g.Key.Code, StringComparer.Ordinal)
            .Select(g => new DeliveryRow(DateOnly.ParseExact(g.Key.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture), g.Key.Channel, g.Key.Code,
                StoredMoney.FromUnits(g.Sum(r => r.Spend)), g.Sum(r => r.Impressions ?? 0), g.Sum(r => r.Clicks ?? 0), g.Sum(r => r.Conversions ?? 0)))];
    }

    public async Task<IReadOnlyList<HourlyDeliveryRow>> HourlyDeliveryAsync(DateRange window, CancellationToken cancellationToken)
    {
        Valid(window);
        var d = store.Dialect;
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Day, long Hour, string Channel, string? Code, long Spend, long? Impressions, long? Clicks, long? Conversions)>(new CommandDefinition(
            $"""
            SELECT s.day, s.hour, c.name, s.campaign, {d.Sum("s.spend")}, {d.Sum("s.impressions")}, {d.Sum("s.clicks")}, {d.Sum("s.conversions")}
            FROM spend s JOIN channels c ON c.id = s.channel_id
            WHERE s.day BETWEEN @from AND @to AND s.hour IS NOT NULL
            GROUP BY s.day, s.hour, c.name, s.campaign
            """,
            Parameters(window, TimeZoneInfo.Utc), cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows
            .GroupBy(r => (r.Day, r.Hour, Channel: r.Channel.ToLowerInvariant(), r.Code))
            .OrderBy(g => g.Key.Day, StringComparer.Ordinal).ThenBy(g => g.Key.Hour).ThenBy(g => g.Key.Channel, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Code, StringComparer.Ordinal)
            .Select(g => new HourlyDeliveryRow(DateOnly.ParseExact(g.Key.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture), (int)g.Key.Hour, g.Key.Channel, g.Key.Code,
                StoredMoney.FromUnits(g.Sum(r => r.Spend)), g.Sum(r => r.Impressions ?? 0), g.Sum(r => r.Clicks ?? 0), g.Sum(r => r.Conversions ?? 0)))];
    }

    public async Task<IReadOnlyList<BudgetActual>> CostActualsAsync(IReadOnlyCollection<string> codes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(codes);
        if (codes.Count == 0)
        {
            return [];
        }

        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return [.. (await connection.QueryAsync<(string Category, long Amount)>(new CommandDefinition(
                $"SELECT category, {store.Dialect.Sum("amount")} FROM costs WHERE {store.Dialect.In("campaign", "@codes")} GROUP BY category ORDER BY {store.Dialect.Bytewise("category")}",
                new { codes = codes.ToList() }, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(r => new BudgetActual(BudgetItemKind.Cost, r.Category, StoredMoney.FromUnits(r.Amount)))];
    }

    public async Task<IReadOnlyList<CodeChannelSpend>> CodeChannelSpendAsync(DateRange window, CancellationToken cancellationToken)
    {
        Valid(window);
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return [.. (await connection.QueryAsync<(string? Code, string Channel, long Spend)>(new CommandDefinition(
                $"""
                SELECT s.campaign, c.name, {store.Dialect.Sum("s.spend")} FROM spend s JOIN channels c ON c.id = s.channel_id
                WHERE s.day BETWEEN @from AND @to
                GROUP BY s.campaign, c.name
                """,
                Parameters(window, TimeZoneInfo.Utc), cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(r => new CodeChannelSpend(r.Code, r.Channel, StoredMoney.FromUnits(r.Spend)))];
    }

    public async Task<string> ChannelGroupsSignatureAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return ChannelGroups.Signature(await connection.QueryAsync<(long Id, string Name, string Group)>(new CommandDefinition(
            "SELECT id, name, grp FROM channels", cancellationToken: cancellationToken)).ConfigureAwait(false));
    }

    public async Task<ChannelEvidence> ChannelEvidenceAsync(DateRange window, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        Valid(window);
        var p = Parameters(window, zone);
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await store.BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
        var groups = (await connection.QueryAsync<(long Id, string Group)>(new CommandDefinition(
            "SELECT id, grp FROM channels", transaction: tx, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToDictionary(c => c.Id, c => c.Group);
        var touches = (await connection.QueryAsync<(long Channel, long Count)>(new CommandDefinition(
            "SELECT channel_id, COUNT(*) FROM touchpoints WHERE ts >= @first AND ts < @end GROUP BY channel_id", p, tx,
            cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        var spent = await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT DISTINCT channel_id FROM spend WHERE day BETWEEN @from AND @to", p, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var first = new Dictionary<long, DateOnly>();
        void Keep(long channel, DateOnly day) => first[channel] = first.TryGetValue(channel, out var d) && d <= day ? d : day;
        foreach (var (channel, ts) in await connection.QueryAsync<(long, long)>(new CommandDefinition(
                     "SELECT channel_id, MIN(ts) FROM touchpoints GROUP BY channel_id", transaction: tx, cancellationToken: cancellationToken)).ConfigureAwait(false))
        {
            Keep(channel, LocalTime.DayOf(ts, zone));
        }

        foreach (var (channel, day) in await connection.QueryAsync<(long, string)>(new CommandDefinition(
                     "SELECT channel_id, MIN(day) FROM spend GROUP BY channel_id", transaction: tx, cancellationToken: cancellationToken)).ConfigureAwait(false))
        {
            Keep(channel, ParseDay(day));
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        var search = BrandCycle.SearchPortalGroups.Select(g => g.Slug()).ToHashSet(StringComparer.Ordinal);
        var pr = ChannelGroup.PrEarned.Slug();
        long InGroups(Func<string, bool> inGroup) => touches.Where(t => groups.TryGetValue(t.Channel, out var g) && inGroup(g)).Sum(t => t.Count);
        return new ChannelEvidence(
            InGroups(search.Contains),
            InGroups(g => g == pr),
            touches.Select(t => t.Channel).Union(spent).LongCount(),
            first.Values.LongCount(window.Contains));
    }

    public async Task<DateRange?> DataDaysAsync(TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(zone);
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await store.BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
        var spend = await connection.QuerySingleAsync<(string? First, string? Last)>(new CommandDefinition(
            "SELECT MIN(day), MAX(day) FROM spend", transaction: tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var events = await connection.QuerySingleAsync<(long? First, long? Last)>(new CommandDefinition(
            """
            SELECT MIN(f), MAX(l) FROM (
                SELECT MIN(ts) AS f, MAX(ts) AS l FROM touchpoints
                UNION ALL SELECT MIN(ts), MAX(ts) FROM conversions) x
            """,
            transaction: tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        var days = new List<DateOnly>();
        if (spend.First is not null && spend.Last is not null)
        {
            days.Add(ParseDay(spend.First));
            days.Add(ParseDay(spend.Last));
        }

        if (events.First is { } f && events.Last is { } l)
        {
            days.Add(LocalTime.DayOf(f, zone));
            days.Add(LocalTime.DayOf(l, zone));
        }

        return days.Count == 0 ? null : new DateRange(days.Min(), days.Max());
    }

    public async Task<IReadOnlyList<(string Code, long Touches)>> ReferralTouchesAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        if (from is { } f && to is { } t && t < f)
        {
            throw new ArgumentException("the range ends before it starts", nameof(to));
        }

        var (first, last) = JourneyQuery.Bounds(from, to);
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return [.. await connection.QueryAsync<(string Code, long Touches)>(new CommandDefinition(
            """
            SELECT referral_code, COUNT(*) FROM touchpoints
            WHERE referral_code IS NOT NULL AND ts BETWEEN @first AND @last
            GROUP BY referral_code
            """,
            new { first, last }, cancellationToken: cancellationToken)).ConfigureAwait(false)];
    }

    public async Task<IReadOnlyList<LiveStreamSession>> LiveStreamsAsync(DateRange window, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        Valid(window);
        var (first, end) = LocalTime.Bounds(window, zone);
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return [.. (await connection.QueryAsync<SessionRow>(new CommandDefinition(
                $"""
                SELECT session_id AS SessionId, campaign AS Campaign, host AS Host, host_kind AS HostKind, ts AS StartTs,
                       end_ts AS EndTs, viewers AS Viewers, peak_viewers AS PeakViewers, new_followers AS NewFollowers,
                       orders AS Orders, gmv AS Gmv
                FROM livestreams WHERE ts >= @first AND ts < @end ORDER BY ts, {store.Dialect.Bytewise("session_id")}
                """,
                new { first, end }, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(r => r.ToSession())];
    }

    private static DynamicParameters Parameters(DateRange window, TimeZoneInfo zone, IEnumerable<string>? codes = null)
    {
        var (first, end) = LocalTime.Bounds(window, zone);
        var p = new DynamicParameters(new { from = Day(window.Start), to = Day(window.End), first, end });
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

    private static DateOnly ParseDay(string day) => DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class SessionRow
    {
        public string SessionId { get; set; } = "";

        public string? Campaign { get; set; }

        public string Host { get; set; } = "";

        public string HostKind { get; set; } = "";

        public long StartTs { get; set; }

        public long EndTs { get; set; }

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
                Host, DateTimeOffset.FromUnixTimeMilliseconds(StartTs), DateTimeOffset.FromUnixTimeMilliseconds(EndTs), Viewers,
                PeakViewers, NewFollowers, Orders, StoredMoney.FromUnits(Gmv));
    }
}
