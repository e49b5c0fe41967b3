using Mercato.Core.AdMonitoring;

namespace Mercato.Core.Tests.AdMonitoring;

/// <summary>A click row's problems and IP truncation.</summary>
public class ClickChecksTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 11, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Problems_NameEachBadField()
    {
        var click = new ClickRecord("", T0, " ", Ip: "300.1.2.3", InstallTimestamp: T0.AddSeconds(-1));

        Assert.Equal(
            ["click_id: click_missing_id", "channel: click_missing_channel", "install_timestamp: click_install_before_click", "ip: click_bad_ip"],
            ClickChecks.Problems(click).Select(p => p.ToString()));
        Assert.Empty(ClickChecks.Problems(new ClickRecord("k", T0, "douyin", Ip: "2001:db8::1", InstallTimestamp: T0)));
    }

    [Theory]
    [InlineData("203.0.113.77", true)]
    [InlineData(" 10.0.0.1 ", true)]
    [InlineData("2001:db8::1", true)]
    [InlineData("::ffff:10.1.2.3", true)]
    [InlineData("1", false)]
    [InlineData("1.2.3", false)]
    [InlineData("1.2.3.256", false)]
    [InlineData("1.2.3.x", false)]
    [InlineData("", false)]
    public void IsIp_AcceptsDottedQuadsAndIpv6Only(string ip, bool valid)
    {
        Assert.Equal(valid, ClickChecks.IsIp(ip));
    }

    [Theory]
    [InlineData("203.0.113.77", 24, "203.0.113.0")]
    [InlineData("203.0.113.77", 16, "203.0.0.0")]
    [InlineData("203.0.113.77", 28, "203.0.113.64")]
    [InlineData("2001:db8:1234:5678::1", 48, "2001:db8:1234::")]
    [InlineData("not an ip", 24, "not an ip")]
    public void Truncate_ZeroesTheBitsAfterThePrefix(string ip, int bits, string truncated)
    {
        Assert.Equal(truncated, ClickChecks.Truncate(ip, bits, bits));
    }
}
