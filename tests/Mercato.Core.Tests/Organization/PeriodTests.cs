using System.Text.Json;

namespace Mercato.Core.Tests.Organization;

public class PeriodTests
{
    [Theory]
    [InlineData("2026-03", PeriodKind.Month, 2026, 3, "2026-03")]
    [InlineData("2026-12", PeriodKind.Month, 2026, 12, "2026-12")]
    [InlineData("2026-Q1", PeriodKind.Quarter, 2026, 1, "2026-Q1")]
    [InlineData("2025-q4", PeriodKind.Quarter, 2025, 4, "2025-Q4")]
    public void Parse_MonthsAndQuarters(string text, PeriodKind kind, int year, int number, string formatted)
    {
        Assert.True(Period.TryParse(text, out var p));
        Assert.Equal(kind, p.Kind);
        Assert.Equal(year, p.Year);
        Assert.Equal(number, p.Number);
        Assert.Equal(formatted, p.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2026-3")]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-Q0")]
    [InlineData("2026-Q5")]
    [InlineData("2026/03")]
    [InlineData("+026-03")]
    [InlineData("1899-01")]
    [InlineData("2026-03-01")]
    [InlineData(" 2026-03")]
    [InlineData("2026-H1")]
    public void Parse_RejectsEverythingElse(string? text)
    {
        Assert.False(Period.TryParse(text, out _));
        if (text is not null)
        {
            Assert.Throws<FormatException>(() => Period.Parse(text));
        }
    }

    [Fact]
    public void Quarter_ContainsItsThreeMonths()
    {
        var q = Period.Parse("2026-Q2");

        Assert.Equal([new YearMonth(2026, 4), new YearMonth(2026, 5), new YearMonth(2026, 6)], q.Months);
        Assert.False(q.Contains(new YearMonth(2026, 3)));
        Assert.True(q.Contains(new YearMonth(2026, 4)));
        Assert.True(q.Contains(new YearMonth(2026, 6)));
        Assert.False(q.Contains(new YearMonth(2026, 7)));
        Assert.True(q.Contains(new DateOnly(2026, 6, 30)));
        Assert.Equal(new DateOnly(2026, 4, 1), q.Start);
        Assert.Equal(new DateOnly(2026, 7, 1), q.End);
    }

    [Fact]
    public void Month_ContainsOnlyItself()
    {
        var m = Period.Parse("2026-03");

        Assert.True(m.Contains(new YearMonth(2026, 3)));
        Assert.False(m.Contains(new YearMonth(2025, 3)));
        Assert.Equal(new DateOnly(2026, 4, 1), m.End);
        Assert.Equal(Period.Of(new YearMonth(2026, 3)), m);
    }

    [Fact]
    public void NextAndPrevious_CrossYears()
    {
        Assert.Equal(Period.Parse("2027-01"), Period.Parse("2026-12").Next());
        Assert.Equal(Period.Parse("2025-12"), Period.Parse("2026-01").Previous());
        Assert.Equal(Period.Parse("2027-Q1"), Period.Parse("2026-Q4").Next());
        Assert.Equal(Period.Parse("2025-Q4"), Period.Parse("2026-Q1").Previous());
        Assert.Equal(Period.Parse("2025-Q3"), Period.Parse("2026-Q2").Add(-3));
        Assert.Equal(1, Period.Parse("2026-01").Ordinal - Period.Parse("2025-12").Ordinal);
    }

    [Fact]
    public void Order_ByStart_MonthBeforeItsQuarter()
    {
        var sorted = new[] { "2026-Q2", "2026-04", "2026-03", "2026-Q1", "2025-12" }.Select(Period.Parse).Order().Select(p => p.ToString());

        Assert.Equal(["2025-12", "2026-Q1", "2026-03", "2026-04", "2026-Q2"], sorted);
        Assert.True(Period.Parse("2026-01") < Period.Parse("2026-02"));
    }

    [Fact]
    public void Json_IsTheText()
    {
        Assert.Equal("\"2026-Q1\"", JsonSerializer.Serialize(Period.Parse("2026-Q1")));
        Assert.Equal(Period.Parse("2026-03"), JsonSerializer.Deserialize<Period>("\"2026-03\""));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Period>("\"March\""));
    }

    [Fact]
    public void Factories_RefuseImpossiblePeriods()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Period.Month(2026, 13));
        Assert.Throws<ArgumentOutOfRangeException>(() => Period.Quarter(2026, 0));
    }
}
