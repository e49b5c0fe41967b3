using Mercato.Core.AdMonitoring;

namespace Mercato.Core.Tests.AdMonitoring;

/// <summary>Conversions with no prior touch.</summary>
public class NoTouchConversionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 11, 0, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void AConversion_IsTouchedByAValidClickOfItsChannel_BySameUserOrDevice_WithinTheLookback()
    {
        ClickRecord[] clicks =
        [
            new("k1", T0, "douyin", UserId: "u1"),
            new("k2", T0, "baidu", DeviceId: "dev2"),
            new("k3", T0, "douyin", DeviceId: "dev3"),
            new("k4", T0.AddDays(-8), "douyin", UserId: "u4"),
            new("k5", T0.AddHours(1), "douyin", UserId: "u5"),
        ];
        ConversionRecord[] conversions =
        [
            new("touched-by-user", T0.AddDays(1), "douyin", UserId: "u1"),
            new("other-channel", T0.AddDays(1), "douyin", DeviceId: "dev2"),
            new("unclaimed-any-channel", T0.AddDays(1), null, DeviceId: "dev2"),
            new("flagged-click", T0.AddDays(1), "douyin", DeviceId: "dev3"),
            new("too-old", T0, "douyin", UserId: "u4"),
            new("click-after", T0, "douyin", UserId: "u5"),
            new("same-instant", T0, "douyin", UserId: "u1"),
            new("no-identity", T0, "douyin"),
        ];

        var result = NoTouchConversions.Find(conversions, clicks, invalid: new HashSet<string> { "k3" });

        Assert.Equal(["other-channel", "flagged-click", "too-old", "click-after"], result.Untouched.Select(c => c.ConversionId));
        Assert.Equal(1, result.Unjudged);
        Assert.Equal([new NoTouchSummary("douyin", 6, 4), new NoTouchSummary("", 1, 0)], result.ByChannel);
        Assert.Equal(4.0 / 6, result.ByChannel[0].Share);
    }
}
