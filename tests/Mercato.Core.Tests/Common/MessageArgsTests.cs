using System.Text.Json;

namespace Mercato.Core.Tests.Common;

public class MessageArgsTests
{
    [Fact]
    public void Of_KeepsTheOrder_AndIntegersAreLongs()
    {
        var args = MessageArgs.Of(("max", 200), ("value", "x"), ("share", 0.25), ("amount", 1.5m));

        Assert.Equal(["max", "value", "share", "amount"], args.Keys);
        Assert.Equal(200L, args["max"]);
        Assert.Equal(4, args.Count);
        Assert.False(args.ContainsKey("min"));
        Assert.Same(MessageArgs.Empty, MessageArgs.Of());
    }

    [Fact]
    public void Equality_IsByValue_ListsItemByItem_AndOrderMatters()
    {
        var a = MessageArgs.Of(("campaigns", new[] { "a", "b" }), ("day", new DateOnly(2026, 3, 1)));
        var b = MessageArgs.Of(("campaigns", new List<string> { "a", "b" }), ("day", new DateOnly(2026, 3, 1)));

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a == b);
        Assert.NotEqual(a, MessageArgs.Of(("day", new DateOnly(2026, 3, 1)), ("campaigns", new[] { "a", "b" })));
        Assert.NotEqual(a, MessageArgs.Of(("campaigns", new[] { "a" }), ("day", new DateOnly(2026, 3, 1))));
        Assert.Equal(new Problem("x", "c", a), new Problem("x", "c", b));
    }

    [Fact]
    public void Of_RefusesASentenceLikeObject_ANameGivenTwice_AndNoName()
    {
        Assert.Throws<ArgumentException>(() => MessageArgs.Of(("when", TimeSpan.FromHours(1))));
        Assert.Throws<ArgumentException>(() => MessageArgs.Of(("x", 1), ("x", 2)));
        Assert.Throws<ArgumentException>(() => MessageArgs.Of(("", 1)));
    }

    [Fact]
    public void With_ReplacesInPlaceOrAddsLast()
    {
        var args = MessageArgs.Of(("a", 1), ("b", 2));

        Assert.Equal(MessageArgs.Of(("a", 1), ("b", 3)), args.With("b", 3));
        Assert.Equal(MessageArgs.Of(("a", 1), ("b", 2), ("c", "x")), args.With("c", "x"));
    }

    [Fact]
    public void ANestedMessage_IsItsCodeAndItsArgumentsUnderItsName()
    {
        var reason = Message.Of("no_kind_data", ("kind", "activity"));

        var args = MessageArgs.Of(("kpi", "dau")).WithMessage("reason", reason);

        Assert.Equal(MessageArgs.Of(("kpi", "dau"), ("reason", "no_kind_data"), ("reason.kind", "activity")), args);
        Assert.Equal(reason, args.NestedMessage("reason"));
        Assert.Null(args.NestedMessage("cause"));
    }

    [Fact]
    public void Json_RoundTripsAsAnObject_DaysAndInstantsAsText()
    {
        var args = MessageArgs.Of(("max", 200), ("amount", 10000.5m), ("codes", new[] { "a" }), ("none", null),
            ("day", new DateOnly(2026, 3, 1)), ("at", new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.FromHours(8))));

        var json = JsonSerializer.Serialize(args);
        var back = JsonSerializer.Deserialize<MessageArgs>(json)!;

        Assert.Equal("""{"max":200,"amount":10000.5,"codes":["a"],"none":null,"day":"2026-03-01","at":"2026-03-01T09:30:00\u002B08:00"}""", json);
        Assert.Equal(MessageArgs.Of(("max", 200), ("amount", 10000.5m), ("codes", new[] { "a" }), ("none", null),
            ("day", "2026-03-01"), ("at", "2026-03-01T09:30:00+08:00")), back);
    }

    [Fact]
    public void Problem_ToString_IsPathAndCode_ForDebugging()
    {
        Assert.Equal("budget[2].planned: negative", new Problem("budget[2].planned", CommonCodes.Negative).ToString());
        Assert.Equal("required", new Problem("", CommonCodes.Required).ToString());
        Assert.Equal("campaigns[1].name: required", new Problem("name", CommonCodes.Required).Under("campaigns[1]").ToString());
    }

    [Theory]
    [InlineData("choose a campaign type")]
    [InlineData("Required")]
    [InlineData("no-squad")]
    [InlineData("_x")]
    [InlineData("x__y")]
    [InlineData("")]
    public void ACodeIsSnakeCase_ASentenceWhereACodeBelongsIsABug(string notACode)
    {
        Assert.False(CodeForm.IsCode(notACode));
        Assert.Throws<ArgumentException>(() => new Problem("type", notACode));
        Assert.Throws<ArgumentException>(() => new Message(notACode));
        Assert.True(CodeForm.IsCode("budget_line_not_positive"));
        Assert.True(CodeForm.IsCode("utf8"));
    }
}
