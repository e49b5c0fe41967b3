using System.Globalization;
using Mercato.Core.DataCenter;

namespace Mercato.Core.Tests.DataCenter;

/// <summary>The spend kind by the day or by the hour: date or timestamp, the hour in the workspace zone, the identities.</summary>
public class SpendKindTests
{
    private static readonly ParseContext Shanghai = new(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));

    private static readonly ParseContext Kolkata = new(TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"));

    private static (IFact? Fact, List<FieldError> Errors) Parse(string? date, string? timestamp, ParseContext? context = null)
    {
        var errors = new List<FieldError>();
        var fact = DataKinds.Spend.Parse([date, "Douyin", "spring", "12.5", "1000", "40", null, null, timestamp], context ?? Shanghai, errors);
        return (fact, errors);
    }

    [Fact]
    public void DailyKey_IsTheKeySpendAlwaysHad_AndAnHourMakesADifferentFact()
    {
        var day = new DateOnly(2026, 3, 1);
        var daily = new SpendFact(day, "Douyin", "spring", 12.5m, 1000, 40);
        var number = day.DayNumber.ToString(CultureInfo.InvariantCulture);

        // Files imported before hours existed re-import as "already present".
        Assert.Equal(FactKey.Of("spend", number, "douyin", "spring"), daily.Key);
        Assert.Equal(FactKey.Of("spend", number, "douyin", "spring", "0"), new SpendFact(day, "Douyin", "spring", 12.5m, 1000, 40, Hour: 0).Key);
        Assert.NotEqual(new SpendFact(day, "douyin", "spring", 1m, null, null, Hour: 9).Key, new SpendFact(day, "douyin", "spring", 1m, null, null, Hour: 10).Key);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpendFact(day, "douyin", null, 1m, null, null, Hour: 24));
    }

    [Theory]
    [InlineData("2026-03-01T14:00:00+08:00", "2026-03-01", 14)]
    [InlineData("2026-03-01T06:00:00Z", "2026-03-01", 14)]
    [InlineData("2026-02-28T16:00:00Z", "2026-03-01", 0)]
    [InlineData("2026-03-01 23:00:00.000+0800", "2026-03-01", 23)]
    public void Timestamp_IsTheLocalHourOfTheWorkspaceZone(string timestamp, string day, int hour)
    {
        var (fact, errors) = Parse(null, timestamp);

        Assert.Empty(errors);
        var spend = Assert.IsType<SpendFact>(fact);
        Assert.Equal((DateOnly.Parse(day, CultureInfo.InvariantCulture), (int?)hour), (spend.Date, spend.Hour));
    }

    [Fact]
    public void Date_GivesADailyRow_AsBefore_AndSoDoesACallerThatKnowsOnlyTheDailyFields()
    {
        var (fact, errors) = Parse("2026-03-01", null);
        var old = DataKinds.Spend.Parse(["2026-03-01", "Douyin", "spring", "12.5", "1000", "40", null, null], Shanghai, errors);

        Assert.Empty(errors);
        Assert.Null(Assert.IsType<SpendFact>(fact).Hour);
        Assert.Equal(fact, old);
    }

    [Theory]
    [InlineData("2026-03-01T14:30:00+08:00", "Asia/Shanghai", "2026-03-01T14:30:00+08:00")]
    [InlineData("2026-03-01T14:00:00.500+08:00", "Asia/Shanghai", "2026-03-01T14:00:00.5+08:00")]
    [InlineData("2026-03-01T05:00:00Z", "Asia/Kolkata", "2026-03-01T10:30:00+05:30")]
    public void Timestamp_NotOnAWholeLocalHour_IsRefused_WithTheZoneAndTheLocalTime(string timestamp, string zone, string local)
    {
        var (fact, errors) = Parse(null, timestamp, zone == "Asia/Kolkata" ? Kolkata : Shanghai);

        Assert.Null(fact);
        var error = Assert.Single(errors);
        Assert.Equal(("timestamp", timestamp, ImportCodes.NotWholeHour), (error.Column, error.Value, error.Code));
        Assert.Equal(MessageArgs.Of(("zone", zone), ("local", local)), error.Args);
    }

    [Fact]
    public void Timestamp_OnAHalfHourZonesWholeHour_IsAccepted()
    {
        var (fact, errors) = Parse(null, "2026-03-01T04:30:00Z", Kolkata);

        Assert.Empty(errors);
        Assert.Equal((new DateOnly(2026, 3, 1), (int?)10), (((SpendFact)fact!).Date, ((SpendFact)fact!).Hour));
    }

    [Theory]
    [InlineData("2026-03-01", "2026-03-01T14:00:00+08:00", "timestamp", ImportCodes.OnlyOneOf)]
    [InlineData(null, null, "date", ImportCodes.OneOfRequired)]
    [InlineData(" ", "", "date", ImportCodes.OneOfRequired)]
    [InlineData(null, "2026-03-01", "timestamp", ImportCodes.HourWithoutTime)]
    [InlineData(null, "2026-13-01", "timestamp", ImportCodes.NotADate)]
    [InlineData(null, "2026-03-01T14:00:00", "timestamp", ImportCodes.TimestampWithoutOffset)]
    [InlineData(null, "yesterday 2pm", "timestamp", ImportCodes.NotATimestamp)]
    public void DateAndTimestamp_BothOrNeitherOrABadTimestamp_IsRefused(string? date, string? timestamp, string column, string code)
    {
        var (fact, errors) = Parse(date, timestamp);

        Assert.Null(fact);
        var error = Assert.Single(errors);
        Assert.Equal((column, code), (error.Column, error.Code));
    }

    [Fact]
    public void Contract_TimestampStandsInsteadOfDate()
    {
        var kind = DataKinds.Spend;

        Assert.Equal("date", kind.Fields[kind.IndexOf("timestamp")].Instead);
        Assert.Equal(["timestamp"], kind.AlternativesOf("date").Select(f => f.Name));
        Assert.Empty(kind.AlternativesOf("channel"));
    }
}
