using System.Globalization;
using System.Text.Json.Serialization;

namespace Mercato.Core.Kpis;

/// <summary>
/// The local calendar days [<see cref="From"/>, <see cref="To"/>], both included, in the workspace time zone: a month, a
/// quarter or any run of days.
/// </summary>
public sealed record KpiPeriod
{
    [JsonConstructor]
    private KpiPeriod(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw new ArgumentException("The period ends before it starts.", nameof(to));
        }

        From = from;
        To = to;
    }

    /// <summary>The first day.</summary>
    public DateOnly From { get; }

    /// <summary>The last day, included.</summary>
    public DateOnly To { get; }

    /// <summary>The number of days.</summary>
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The days from <paramref name="from"/> to <paramref name="to"/>, both included; false when <paramref name="to"/> is before <paramref name="from"/>.</summary>
    public static bool TryCreate(DateOnly from, DateOnly to, out KpiPeriod? period)
    {
        period = to < from ? null : new KpiPeriod(from, to);
        return period is not null;
    }

    /// <summary>The days from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public static KpiPeriod Of(DateOnly from, DateOnly to) =>
        TryCreate(from, to, out var period) ? period! : throw new ArgumentException("The period ends before it starts.", nameof(to));

    /// <summary>A calendar month.</summary>
    public static KpiPeriod Month(YearMonth month) => new(month.FirstDay, month.AddMonths(1).FirstDay.AddDays(-1));

    /// <summary>The days of a target period (a month or a quarter) of the organization's scorecards.</summary>
    public static KpiPeriod For(Period period) => new(period.Start, period.End.AddDays(-1));

    /// <summary>A calendar quarter, 1 to 4.</summary>
    public static KpiPeriod Quarter(int year, int quarter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        var first = new YearMonth(year, ((quarter - 1) * 3) + 1);
        return new KpiPeriod(first.FirstDay, first.AddMonths(3).FirstDay.AddDays(-1));
    }

    /// <summary><c>2026-03</c> for a month, <c>2026-Q1</c> for a quarter, else <c>2026-03-01..2026-03-15</c>.</summary>
    public override string ToString()
    {
        if (From.Day == 1 && To.AddDays(1).Day == 1)
        {
            var months = ((To.Year - From.Year) * 12) + To.Month - From.Month + 1;
            if (months == 1)
            {
                return YearMonth.Of(From).ToString();
            }

            if (months == 3 && From.Month % 3 == 1)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{From.Year:D4}-Q{((From.Month - 1) / 3) + 1}");
            }
        }

        return From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".." + To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
