using System.Globalization;
using System.Text;
using Mercato.Core.AdMonitoring;
using Mercato.Core.DataCenter;
using Mercato.Storage.Import;
using Mercato.Storage.Relational;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.AdMonitoring;

/// <summary>The clicks kind on each store: its contract, identity, row rules, IP truncation, and the read port.</summary>
public abstract class ClicksTests(StoreProvider provider) : KindImportTest(provider)
{
    private const string Header = "click_id,timestamp,channel,campaign,user_id,device_id,ip,user_agent,placement,install_timestamp";

    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly KindSample Sample = KindSample.Clicks;

    private IClickStore Clicks => Store.Inner.Clicks;

    private ImportResult Import(string csv, bool truncate = false) =>
        ImportCsv(DataKinds.Clicks, csv, r => r with { Context = r.Context! with { TruncateIps = truncate } });

    private List<string> Stored() => Rows(
        "SELECT k.click_id, k.ts, c.name, k.campaign, k.user_id, k.device_id, k.ip, k.user_agent, k.placement, k.install_ts "
        + "FROM clicks k JOIN channels c ON c.id = k.channel_id ORDER BY k.click_id");

    private async Task<List<ClickRecord>> Read(DateTimeOffset from, DateTimeOffset to, string? channel = null)
    {
        var clicks = new List<ClickRecord>();
        await foreach (var click in Clicks.ClicksAsync(from, to, channel, TestContext.Current.CancellationToken))
        {
            clicks.Add(click);
        }

        return clicks;
    }

    [Fact]
    public void Import_EveryColumn_StoresEachValue_InstantsInUtcMilliseconds()
    {
        var result = Import(Header + """

            k1,2026-03-01T08:00:00.250+08:00,baidu_sem,spring,u1,IDFA-1,203.0.113.77,"Mozilla/5.0 (iPhone; CPU iPhone OS 17_0)",kw:nebulizer,2026-03-01T00:05:00Z
            k2,2026-03-01T01:00:00Z,Douyin,,,,2001:db8:abcd:12::1,,,
            k3,2026-03-01,app_store,,,,,,,
            """);

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal((3L, 3L, 0L), (result.RowsRead, result.Added, result.Rejected));
        Assert.Equal(
            [
                $"k1|{Ms(2026, 3, 1) + 250}|baidu_sem|spring|u1|IDFA-1|203.0.113.77|Mozilla/5.0 (iPhone; CPU iPhone OS 17_0)|kw:nebulizer|{Ms(2026, 3, 1, 0, 5)}",
                $"k2|{Ms(2026, 3, 1, 1)}|Douyin|∅|∅|∅|2001:db8:abcd:12::1|∅|∅|∅",
                $"k3|{Ms(2026, 3, 1)}|app_store|∅|∅|∅|∅|∅|∅|∅",
            ],
            Stored());
    }

    [Fact]
    public void Import_JsonLines_StoresTheSameRowsAsCsv_SoItIsUnchanged()
    {
        var csv = Import(Header + "\nk1,2026-03-01T08:00:00Z,search,c1,u1,d1,198.51.100.7,UA,p1,2026-03-01T08:00:30Z\n");
        var rows = Stored();

        var jsonl = ImportJsonl(DataKinds.Clicks, """
            {"click_id":"k1","timestamp":"2026-03-01T16:00:00+08:00","channel":"SEARCH","campaign":"c1","user_id":"u1","device_id":"d1","ip":"198.51.100.7","user_agent":"UA","placement":"p1","install_timestamp":"2026-03-01T08:00:30Z"}
            """);

        Assert.Equal((ImportStatus.Committed, ImportStatus.Committed), (csv.Status, jsonl.Status));
        Assert.Equal((1L, 0L, 0L, 1L), (csv.Added, jsonl.Added, jsonl.Updated, jsonl.Unchanged));
        Assert.Equal(rows, Stored());
    }

    [Fact]
    public void Import_Again_ChangesNothing_ASameIdWithOtherValuesIsUpdated()
    {
        var text = Header + "\nk1,2026-03-01T08:00:00Z,search,c1,,,,,,\nk2,2026-03-01T09:00:00Z,search,c1,,,,,,\n";
        var first = Import(text);
        var rows = Rows("SELECT click_id, ts, channel_id, campaign, batch_id FROM clicks ORDER BY click_id");

        var again = Import(text);
        var rowsAgain = Rows("SELECT click_id, ts, channel_id, campaign, batch_id FROM clicks ORDER BY click_id");
        var moved = Import(Header + "\nk1,2026-03-01T08:00:00Z,douyin,c2,,,,,,\n");

        Assert.Equal((2L, 0L, 0L), (first.Added, first.Updated, first.Unchanged));
        Assert.Equal((0L, 0L, 2L), (again.Added, again.Updated, again.Unchanged));
        Assert.Equal(rows, rowsAgain);
        Assert.Equal((0L, 1L, 0L), (moved.Added, moved.Updated, moved.Unchanged));
        Assert.Equal([("k1", "c2"), ("k2", "c1")], Query<(string, string)>("SELECT click_id, campaign FROM clicks ORDER BY click_id"));
    }

    [Fact]
    public void Import_WithOneBadRow_LeavesTheStoreAsItWas()
    {
        Import(Header + "\nk1,2026-03-01T08:00:00Z,search,c1,,,,,,\n");
        var before = Stored();

        var result = Import(Header + "\nk1,2026-03-01T08:00:00Z,search,c9,,,,,,\nk2,2026-03-01T09:00:00Z,search,,,,10.0.0.300,,,\n");

        Assert.Equal(ImportStatus.Rejected, result.Status);
        var error = Assert.Single(result.Errors);
        Assert.Equal((3L, "ip", "10.0.0.300", ClickCodes.BadIp), (error.Line, error.Column, error.Value, error.Code));
        Assert.Equal(before, Stored());
    }

    [Fact]
    public void Import_BadRowsSkipped_AreWrittenAsideWithLineAndReason_TheRestIsKept()
    {
        var rejected = Dir.File("rejected.csv");
        var result = ImportCsv(DataKinds.Clicks, Header + """

            k1,2026-03-01T08:00:00Z,search,,,,,,,2026-03-01T07:59:59Z
            k2,2026-03-01T09:00:00Z,search,,,,not-an-ip,,,
            k3,2026-03-01T07:00:00Z,search,,,,,,,
            k4,2026-03-01T10:00:00,search,,,,,,,
            """, r => r with { SkipInvalid = true, RejectedPath = rejected, RenderReason = (code, _) => code });

        Assert.Equal((4L, 1L, 3L), (result.RowsRead, result.Added, result.Rejected));
        Assert.Equal(
            [(2L, "install_timestamp", ClickCodes.InstallBeforeClick), (3L, "ip", ClickCodes.BadIp), (5L, "timestamp", ImportCodes.TimestampWithoutOffset)],
            result.Errors.Select(e => (e.Line, e.Column, e.Code)));
        var lines = File.ReadAllLines(rejected);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("2,\"install_timestamp\",", lines[1], StringComparison.Ordinal);
        Assert.Contains(ClickCodes.InstallBeforeClick, lines[1], StringComparison.Ordinal);
        Assert.StartsWith("3,\"ip\",", lines[2], StringComparison.Ordinal);
        Assert.Equal(["k3"], Query<string>("SELECT click_id FROM clicks"));
    }

    [Fact]
    public void Import_InstallBeforeClick_NamesTheClickAndBothInstants()
    {
        var result = Import(Header + "\nk1,2026-03-01T08:00:00Z,search,,,,,,,2026-03-01T07:00:00Z\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((2L, "install_timestamp", ClickCodes.InstallBeforeClick), (error.Line, error.Column, error.Code));
        Assert.Equal("k1", error.Args["click"]);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 7, 0, 0, TimeSpan.Zero), error.Args["install"]);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero), error.Args["timestamp"]);
    }

    [Theory]
    [InlineData("click_id", null, "required")]
    [InlineData("click_id", "x*201", "text_too_long|max=200")]
    [InlineData("timestamp", null, "required")]
    [InlineData("timestamp", "2026-03-01T09:30:00", "timestamp_without_offset")]
    [InlineData("timestamp", "2026-13-01T09:30:00Z", "not_a_timestamp")]
    [InlineData("timestamp", "2026-02-30", "not_a_date")]
    [InlineData("channel", null, "required")]
    [InlineData("channel", "x*101", "text_too_long|max=100")]
    [InlineData("campaign", "x*201", "text_too_long|max=200")]
    [InlineData("device_id", "bell\u0007", "control_characters")]
    [InlineData("ip", "999.1.1.1", "click_bad_ip|click=k2|value=999.1.1.1")]
    [InlineData("ip", "10.0.0", "click_bad_ip|click=k2|value=10.0.0")]
    [InlineData("ip", "localhost", "click_bad_ip|click=k2|value=localhost")]
    [InlineData("ip", "2001:db8:::1", "click_bad_ip|click=k2|value=2001:db8:::1")]
    [InlineData("ip", "x*101", "text_too_long|max=100")]
    [InlineData("user_agent", "x*2001", "text_too_long|max=2000")]
    [InlineData("placement", "x*201", "text_too_long|max=200")]
    [InlineData("install_timestamp", "2026-03-01T00:01:59Z", "click_install_before_click|click=k2")]
    [InlineData("install_timestamp", "2026-03-01T09:30:00", "timestamp_without_offset")]
    [InlineData("install_timestamp", "soon", "not_a_timestamp")]
    [InlineData("install_timestamp", "2026-03-01T09:00", "timestamp_without_offset")]
    public void Import_InvalidValue_IsRefusedWithLineColumnValueAndReason(string column, string? value, string reason) =>
        AssertRefused(Sample, column, value, reason);

    [Theory]
    [InlineData("campaign", null)]
    [InlineData("ip", null)]
    [InlineData("ip", "0.0.0.0")]
    [InlineData("ip", " 255.255.255.255 ")]
    [InlineData("ip", "::1")]
    [InlineData("ip", "::ffff:192.0.2.1")]
    [InlineData("user_agent", "x*2000")]
    [InlineData("install_timestamp", "2026-03-01T00:00:00Z")]
    [InlineData("install_timestamp", null)]
    [InlineData("channel", "百度")]
    public void Import_BorderlineValue_IsAccepted(string column, string? value) => AssertAccepted(Sample, column, value);

    [Fact]
    public void Import_TruncationOff_StoresIpsAsGiven()
    {
        Import(Header + "\nk1,2026-03-01T08:00:00Z,search,,,,203.0.113.77,,,\nk2,2026-03-01T08:00:00Z,search,,,,2001:db8:abcd:12:1:2:3:4,,,\n");

        Assert.Equal([("k1", "203.0.113.77"), ("k2", "2001:db8:abcd:12:1:2:3:4")], Query<(string, string)>("SELECT click_id, ip FROM clicks ORDER BY click_id"));
    }

    [Fact]
    public void Import_TruncationOn_StoresIpv4To24AndIpv6To48Bits_ABadIpIsStillRefused()
    {
        var text = Header + "\nk1,2026-03-01T08:00:00Z,search,,,,203.0.113.77,,,\nk2,2026-03-01T08:00:00Z,search,,,,2001:db8:abcd:12:1:2:3:4,,,\nk3,2026-03-01T08:00:00Z,search,,,,,,,\n";

        var on = Import(text, truncate: true);
        var bad = Import(Header + "\nk4,2026-03-01T08:00:00Z,search,,,,300.1.1.1,,,\n", truncate: true);

        Assert.Equal((ImportStatus.Committed, 3L), (on.Status, on.Added));
        Assert.Equal([("k1", "203.0.113.0"), ("k2", "2001:db8:abcd::"), ("k3", null)],
            Query<(string, string?)>("SELECT click_id, ip FROM clicks ORDER BY click_id"));
        Assert.Equal((ImportStatus.Rejected, ClickCodes.BadIp), (bad.Status, Assert.Single(bad.Errors).Code));
    }

    [Fact]
    public void Import_TurningTruncationOn_UpdatesTheIpsOfClicksImportedAgain()
    {
        var text = Header + "\nk1,2026-03-01T08:00:00Z,search,,,,203.0.113.77,,,\nk2,2026-03-01T08:00:00Z,search,,,,203.0.113.0,,,\n";
        Import(text);

        var again = Import(text, truncate: true);

        Assert.Equal((0L, 1L, 1L), (again.Added, again.Updated, again.Unchanged));
        Assert.Equal(["203.0.113.0", "203.0.113.0"], Query<string>("SELECT ip FROM clicks ORDER BY click_id"));
    }

    [Fact]
    public async Task Clicks_ComeInTimeOrder_TiesByClickId_WithinTheHalfOpenWindow()
    {
        // The file is out of time order: the store gives it back in order, nothing lost.
        Import(Header + """

            b,2026-03-01T10:00:00Z,search,,,,,,,
            a,2026-03-01T10:00:00Z,douyin,,,,,,,
            z,2026-03-01T09:00:00Z,search,,,,,,,
            c,2026-03-01T11:00:00Z,search,,,,,,,
            early,2026-03-01T08:59:59.999Z,search,,,,,,,
            B,2026-03-01T10:00:00Z,search,,,,,,,
            """);

        var all = await Read(T0, T0.AddDays(1));
        var window = await Read(T0.AddHours(9), T0.AddHours(11));

        Assert.Equal(["early", "z", "B", "a", "b", "c"], all.Select(c => c.ClickId));
        Assert.Equal(["z", "B", "a", "b"], window.Select(c => c.ClickId));
        Assert.Empty(await Read(T0.AddHours(11).AddMilliseconds(1), T0.AddDays(1)));
    }

    [Fact]
    public async Task Clicks_OfOneChannel_MatchTheCatalogIgnoringCase_AnUnknownChannelHasNone()
    {
        Import(Header + """

            k1,2026-03-01T08:00:00Z,Douyin,c1,u1,d1,203.0.113.9,UA,p1,2026-03-01T08:01:00Z
            k2,2026-03-01T07:00:00Z,search,,,,,,,
            k3,2026-03-01T06:00:00Z,douyin,,,,,,,
            """);

        var douyin = await Read(T0, T0.AddDays(1), "DOUYIN");

        Assert.Equal(
            [
                new ClickRecord("k3", T0.AddHours(6), "Douyin"),
                new ClickRecord("k1", T0.AddHours(8), "Douyin", "c1", "u1", "d1", "203.0.113.9", "UA", "p1", T0.AddHours(8).AddMinutes(1)),
            ],
            douyin);
        Assert.Equal(TimeSpan.Zero, douyin[0].Timestamp.Offset);
        Assert.Empty(await Read(T0, T0.AddDays(1), "weibo"));
    }

    [Fact]
    public async Task Clicks_AcrossPages_AreEachReadOnce_InOrder_EvenWhenAPageEndsInsideATie()
    {
        // Three clicks share each instant, so the first page ends inside a tie; the file is written in reverse.
        var count = RelationalClickReader.PageSize + 50;
        var csv = new StringBuilder(Header).Append('\n');
        for (var i = count - 1; i >= 0; i--)
        {
            csv.Append(CultureInfo.InvariantCulture, $"k{i:D6},{T0.AddSeconds(i / 3):yyyy-MM-dd'T'HH:mm:ss'Z'},{(i % 2 == 0 ? "search" : "douyin")},,,,,,,\n");
        }

        Assert.Equal(count, Import(csv.ToString()).Added);

        var all = await Read(T0, T0.AddDays(1));
        var search = await Read(T0, T0.AddDays(1), "search");

        Assert.Equal(Enumerable.Range(0, count).Select(i => $"k{i:D6}"), all.Select(c => c.ClickId));
        Assert.Equal(Enumerable.Range(0, count).Where(i => i % 2 == 0).Select(i => $"k{i:D6}"), search.Select(c => c.ClickId));
    }

    [Fact]
    public async Task Span_IsNullWithoutClicks_ElseTheFirstAndLastInstant()
    {
        var empty = await Clicks.SpanAsync(TestContext.Current.CancellationToken);
        Import(Header + "\nk1,2026-03-01T10:00:00Z,search,,,,,,,\nk2,2026-03-01T08:00:00.5Z,search,,,,,,,\nk3,2026-03-02T00:00:00Z,search,,,,,,,\n");

        var span = await Clicks.SpanAsync(TestContext.Current.CancellationToken);

        Assert.Null(empty);
        Assert.Equal((T0.AddHours(8).AddMilliseconds(500), T0.AddDays(1)), span);
    }
}

public sealed class ClicksTestsOnSqlite() : ClicksTests(StoreProvider.Sqlite);

public sealed class ClicksTestsOnPostgres() : ClicksTests(StoreProvider.Postgres);
