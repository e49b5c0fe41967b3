using Mercato.Core.DataCenter;

namespace Mercato.Core.Tests.DataCenter;

public class TouchpointsKindTests
{
    private static (IFact? Fact, List<FieldError> Errors) Parse(params string?[] values)
    {
        var errors = new List<FieldError>();
        var fact = DataKinds.Touchpoints.Parse(values, ParseContext.Utc, errors);
        return (fact, errors);
    }

    [Fact]
    public void ValidRow_ParsesEveryField()
    {
        var (fact, errors) = Parse("t1", "u1", "2026-03-01T09:30:00+08:00", "search", "spring", "click", "REF7");

        Assert.Empty(errors);
        var tp = Assert.IsType<Touchpoint>(fact);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 1, 30, 0, TimeSpan.Zero), tp.Timestamp.ToUniversalTime());
        Assert.Equal(TouchpointType.Click, tp.Type);
        Assert.Equal("REF7", tp.ReferralCode);
    }

    [Fact]
    public void TimestampWithoutOffset_IsRefusedWithReason()
    {
        var (fact, errors) = Parse(null, "u1", "2026-03-01T09:30:00", "search", null, null, null);

        Assert.Null(fact);
        var error = Assert.Single(errors);
        Assert.Equal("timestamp", error.Column);
        Assert.Equal(ImportCodes.TimestampWithoutOffset, error.Code);
    }

    [Fact]
    public void DateAlone_IsMidnightInWorkspaceTimeZone()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var errors = new List<FieldError>();
        var fact = (Touchpoint?)DataKinds.Touchpoints.Parse(["", "u1", "2026-03-01", "search", "", "", ""], new ParseContext(zone), errors);

        Assert.Empty(errors);
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 16, 0, 0, TimeSpan.Zero), fact!.Timestamp.ToUniversalTime());
    }

    [Fact]
    public void UnknownType_ListsTheAllowedWords()
    {
        var (_, errors) = Parse(null, "u1", "2026-03-01T00:00:00Z", "search", null, "banner", null);

        var error = Assert.Single(errors);
        Assert.Equal("type", error.Column);
        Assert.Equal("banner", error.Value);
        Assert.Equal(CommonCodes.NotOneOf, error.Code);
        Assert.Equal(new[] { "impression", "click", "visit", "referral", "other" }, (IReadOnlyList<string>?)error.Args["expected"]);
    }

    [Fact]
    public void KeyWithoutId_DependsOnEveryFieldAndIgnoresChannelCase()
    {
        var a = (Touchpoint)Parse(null, "u1", "2026-03-01T00:00:00Z", "Search", null, "click", null).Fact!;
        var b = (Touchpoint)Parse(null, "u1", "2026-03-01T00:00:00Z", "search", null, "click", null).Fact!;
        var c = (Touchpoint)Parse(null, "u1", "2026-03-01T00:00:01Z", "search", null, "click", null).Fact!;

        Assert.Equal(a.Key, b.Key);
        Assert.NotEqual(a.Key, c.Key);
    }

    [Fact]
    public void KeyWithId_IgnoresOtherFields()
    {
        var a = (Touchpoint)Parse("t1", "u1", "2026-03-01T00:00:00Z", "search", null, "click", null).Fact!;
        var b = (Touchpoint)Parse("t1", "u2", "2026-03-02T00:00:00Z", "email", null, "visit", null).Fact!;

        Assert.Equal(a.Key, b.Key);
    }

    [Fact]
    public void MissingRequiredValues_AreEachReported()
    {
        var (fact, errors) = Parse(null, " ", null, "", null, null, null);

        Assert.Null(fact);
        Assert.Equal(["user_id", "timestamp", "channel"], errors.Select(e => e.Column));
    }
}
