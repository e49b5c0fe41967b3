using Dapper;
using Mercato.Core.Measurement;

namespace Mercato.Storage.Relational;

/// <summary>
/// The inputs of ROI that the store sums directly (GROUP BY month and channel): spend and non-media costs, and the months
/// holding data. Attributed conversions and revenue come from the journey paths and the attribution models.
/// </summary>
internal sealed class RelationalChannelMoney(RelationalStore store) : IChannelMoneyReader
{
    public async Task<IReadOnlyList<ChannelMonthSpend>> SpendAsync(YearMonth? from, YearMonth? to, CancellationToken cancellationToken)
    {
        var d = store.Dialect;
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return [.. (await connection.QueryAsync<(string Channel, string Month, long Spend, long Impressions, long Clicks)>(new CommandDefinition(
                $"""
                SELECT c.name, substr(s.day, 1, 7) AS month, {d.Sum("s.spend")}, COALESCE({d.Sum("s.impressions")}, 0), COALESCE({d.Sum("s.clicks")}, 0)
                FROM spend s JOIN channels c ON c.id = s.channel_id
                WHERE (@from IS NULL OR substr(s.day, 1, 7) >= @from) AND (@to IS NULL OR substr(s.day, 1, 7) <= @to)
                GROUP BY c.name, substr(s.day, 1, 7)
                ORDER BY month, {d.Bytewise("c.name")}
                """,
                new { from = from?.ToString(), to = to?.ToString() }, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(r => new ChannelMonthSpend(r.Channel, Month(r.Month), StoredMoney.FromUnits(r.Spend), r.Impressions, r.Clicks))];
    }

    public async Task<IReadOnlyList<MonthCost>> CostsAsync(YearMonth? from, YearMonth? to, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return [.. (await connection.QueryAsync<(string Month, string? Channel, long Amount)>(new CommandDefinition(
                $"""
                SELECT k.month, c.name, {store.Dialect.Sum("k.amount")}
                FROM costs k LEFT JOIN channels c ON c.id = k.channel_id
                WHERE (@from IS NULL OR k.month >= @from) AND (@to IS NULL OR k.month <= @to)
                GROUP BY k.month, c.name
                ORDER BY k.month, {store.Dialect.Bytewise("c.name")} NULLS FIRST
                """,
                new { from = from?.ToString(), to = to?.ToString() }, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(r => new MonthCost(Month(r.Month), r.Channel, StoredMoney.FromUnits(r.Amount)))];
    }

    public async Task<IReadOnlyList<ChannelDaySpend>> DailySpendAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return [.. (await connection.QueryAsync<(string Day, string Channel, long Spend)>(new CommandDefinition(
                $"""
                SELECT s.day, c.name, {store.Dialect.Sum("s.spend")}
                FROM spend s JOIN channels c ON c.id = s.channel_id
                GROUP BY s.day, c.name
                ORDER BY s.day, {store.Dialect.Bytewise("c.name")}
                """,
                cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(r => new ChannelDaySpend(Day(r.Day), r.Channel, StoredMoney.FromUnits(r.Spend)))];
    }

    public async Task<IReadOnlyList<DayOutcome>> DailyOutcomesAsync(CancellationToken cancellationToken)
    {
        var d = store.Dialect;
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return [.. (await connection.QueryAsync<(string Day, long Conversions, long Revenue, long Cost)>(new CommandDefinition(
                $"""
                SELECT {d.DayOfMillis("ts")} AS day, COUNT(*), {d.Sum("revenue")}, COALESCE({d.Sum("cost")}, 0)
                FROM conversions
                GROUP BY {d.DayOfMillis("ts")}
                ORDER BY day
                """,
                cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(r => new DayOutcome(Day(r.Day), r.Conversions, StoredMoney.FromUnits(r.Revenue), StoredMoney.FromUnits(r.Cost)))];
    }

    public async Task<IReadOnlyList<YearMonth>> MonthsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return [.. (await connection.QueryAsync<string>(new CommandDefinition(
                $"""
                SELECT m FROM (
                    SELECT DISTINCT substr(day, 1, 7) AS m FROM spend
                    UNION SELECT DISTINCT month FROM costs
                    UNION SELECT DISTINCT {store.Dialect.MonthOfMillis("ts")} FROM conversions) x
                ORDER BY m
                """,
                cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(Month)];
    }

    private static DateOnly Day(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)
            ? day
            : throw new InvalidDataException("stored day is malformed: " + text);

    internal static YearMonth Month(string text) =>
        YearMonth.TryParse(text, out var month) ? month : throw new InvalidDataException("stored month is malformed: " + text);
}
