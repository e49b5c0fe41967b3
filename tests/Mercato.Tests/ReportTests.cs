using System.Net;
using System.Text;
using System.Text.Json;

namespace Mercato.Tests;

/// <summary>
/// The measurement reports end to end on a hand-made month:
/// u1 touches search (Jan 1) and email (Jan 2) and orders 100 (product cost 40) on Jan 3; u2 touches search (Jan 3) and
/// orders 50 (cost 20) on Jan 4. Spend: search 30, email 10. Costs: search agency 10; department staff 40.
/// </summary>
public class ReportTests
{
    private static async Task<TempDir> LoadAsync()
    {
        var dir = new TempDir();
        var files = new (string Kind, string Name, string Text)[]
        {
            ("touchpoints", "tp.csv", "user_id,timestamp,channel\nu1,2026-01-01T10:00:00Z,search\nu1,2026-01-02T10:00:00Z,email\nu2,2026-01-03T10:00:00Z,search\n"),
            ("conversions", "conv.csv", "conversion_id,user_id,timestamp,revenue,cost\no1,u1,2026-01-03T10:00:00Z,100,40\no2,u2,2026-01-04T10:00:00Z,50,20\n"),
            ("spend", "spend.csv", "date,channel,spend\n2026-01-01,search,30\n2026-01-01,email,10\n"),
            ("costs", "costs.csv", "month,channel,category,amount,kind\n2026-01,search,agency,10,fixed\n2026-01,,staff,40,fixed\n"),
        };
        foreach (var (kind, name, text) in files)
        {
            Assert.Equal(0, (await Cli.RunAsync("import", kind, dir.File(name, text), "--data-dir", dir.Path)).ExitCode);
        }

        return dir;
    }

    private static Dictionary<string, (double Conversions, double Revenue)> Credits(JsonElement report, string list = "channels", string key = "channel") =>
        report.GetProperty(list).EnumerateArray().ToDictionary(
            c => c.GetProperty(key).GetString()!,
            c => (c.GetProperty("conversions").GetDouble(), c.GetProperty("revenue").GetDouble()));

    [Fact]
    public async Task Attribution_Linear_SplitsEveryJourneyEvenly()
    {
        using var dir = await LoadAsync();

        var run = await Cli.RunAsync("report", "attribution", "--model", "linear", "--format", "json", "--data-dir", dir.Path);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal("linear", json.RootElement.GetProperty("model").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("totalConversions").GetInt64());
        Assert.Equal(150m, json.RootElement.GetProperty("totalRevenue").GetDecimal());
        var credits = Credits(json.RootElement);
        Assert.Equal((1.5, 100.0), credits["search"]);
        Assert.Equal((0.5, 50.0), credits["email"]);
    }

    [Fact]
    public async Task Roi_LastTouch_MatchesTheHandComputedMonth()
    {
        using var dir = await LoadAsync();

        var run = await Cli.RunAsync("report", "roi", "--month", "2026-01", "--model", "last", "--format", "json", "--data-dir", dir.Path);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal("2026-01", json.RootElement.GetProperty("from").GetString());
        var rows = json.RootElement.GetProperty("channels").EnumerateArray().ToDictionary(r => r.GetProperty("channel").GetString()!);
        // search: last touch of o2 only. Department staff 40 spread by spend: search 30/40 -> 30, email 10.
        // gross profit 50 - 20 = 30; allocated 10 + 30 = 40; net 30 - 30 - 40 = -40; ROI -40/70; ROAS 50/30; CPA 70/1.
        var search = rows["search"];
        Assert.Equal("2026-01", search.GetProperty("month").GetString());
        Assert.Equal(30m, search.GetProperty("spend").GetDecimal());
        Assert.Equal(1.0, search.GetProperty("conversions").GetDouble());
        Assert.Equal(50m, search.GetProperty("revenue").GetDecimal());
        Assert.Equal(20m, search.GetProperty("productCost").GetDecimal());
        Assert.Equal(30m, search.GetProperty("grossProfit").GetDecimal());
        Assert.Equal(40m, search.GetProperty("allocatedCosts").GetDecimal());
        Assert.Equal(-40m, search.GetProperty("netReturn").GetDecimal());
        Assert.Equal(-40.0 / 70.0, search.GetProperty("roi").GetDouble(), 12);
        Assert.Equal(50.0 / 30.0, search.GetProperty("roas").GetDouble(), 12);
        Assert.Equal(70m, search.GetProperty("cpa").GetDecimal());
        // email: last touch of o1: gross profit 60; allocated 10; net 60 - 10 - 10 = 40; ROI 40/20 = 2; ROAS 10; CPA 20.
        var email = rows["email"];
        Assert.Equal(40m, email.GetProperty("netReturn").GetDecimal());
        Assert.Equal(2.0, email.GetProperty("roi").GetDouble(), 12);
        Assert.Equal(10.0, email.GetProperty("roas").GetDouble(), 12);
        Assert.Equal(20m, email.GetProperty("cpa").GetDecimal());
    }

    [Fact]
    public async Task Report_BadArguments_ExitTwo()
    {
        using var dir = new TempDir();

        var model = await Cli.RunAsync("report", "attribution", "--model", "magic", "--data-dir", dir.Path);
        var month = await Cli.RunAsync("report", "roi", "--month", "2026-13", "--data-dir", dir.Path);
        var order = await Cli.RunAsync("report", "attribution", "--order", "4", "--data-dir", dir.Path);
        var range = await Cli.RunAsync("report", "attribution", "--from", "2026-02-01", "--to", "2026-01-01", "--data-dir", dir.Path);

        Assert.Equal(2, model.ExitCode);
        Assert.StartsWith(Messages.Text(CommonCodes.NotOneOf, MessageArgs.Of(("value", "magic"), ("expected", Mercato.Core.Measurement.Attribution.AttributionModels.All
            .Select(Mercato.Core.Measurement.Attribution.AttributionModels.Name).ToArray()))), model.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, month.ExitCode);
        Assert.StartsWith(Messages.Text(ApiCodes.MonthsMalformed), month.Stderr, StringComparison.Ordinal);
        // The Markov order bound is Core's (AttributionOptions.Problems): the CLI reports its code with the bounds.
        Assert.Equal(2, order.ExitCode);
        Assert.Contains(Messages.Text(Mercato.Core.Measurement.Attribution.AttributionCodes.OrderOutOfRange, MessageArgs.Of(("value", 4), ("min", 1), ("max", 3))),
            order.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, range.ExitCode);
        Assert.Contains(Messages.Text(CommonCodes.EndBeforeStart, MessageArgs.Of(("start", new DateOnly(2026, 2, 1)), ("end", new DateOnly(2026, 1, 1)))),
            range.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cohorts_LastTouch_AcquisitionCostComesFromTheRoiOfTheCohortMonth()
    {
        using var dir = await LoadAsync();

        var run = await Cli.RunAsync("report", "cohorts", "--model", "last", "--format", "json", "--data-dir", dir.Path);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var cohorts = json.RootElement.GetProperty("cohorts").EnumerateArray().ToDictionary(c => c.GetProperty("channel").GetString()!);
        // u1's first order (Jan 3, gross profit 100 - 40 = 60) follows its email touch: the email cohort. Its cost is
        // email's ROI row under last touch: spend 10 + a 10 share of the staff cost = 20, so it pays back in month 0.
        var email = cohorts["email"];
        Assert.Equal("2026-01", email.GetProperty("cohortMonth").GetString());
        Assert.Equal(1, email.GetProperty("users").GetInt64());
        Assert.Equal(20m, email.GetProperty("cacPerUser").GetDecimal());
        Assert.Equal(60m, email.GetProperty("ltvPerUser")[0].GetDecimal());
        Assert.Equal(0, email.GetProperty("paybackOffset").GetInt32());
        // u2 (gross profit 50 - 20 = 30) came by search, which cost 30 + 10 agency + 30 of the staff cost = 70: not paid back,
        // and with only month 0 seen there is nothing to project from.
        var search = cohorts["search"];
        Assert.Equal(70m, search.GetProperty("cacPerUser").GetDecimal());
        Assert.Equal(30m, search.GetProperty("ltvPerUser")[0].GetDecimal());
        Assert.Equal(JsonValueKind.Null, search.GetProperty("paybackOffset").ValueKind);
        Assert.Equal(JsonValueKind.Null, search.GetProperty("projectedPaybackOffset").ValueKind);
        Assert.Equal(2, cohorts.Count);
    }

    [Fact]
    public async Task Reports_OnAnEmptyStore_SayThereIsNoData()
    {
        using var dir = new TempDir();

        var attribution = await Cli.RunAsync("report", "attribution", "--data-dir", dir.Path);
        var cohorts = await Cli.RunAsync("report", "cohorts", "--data-dir", dir.Path);
        var lift = await Cli.RunAsync("report", "lift", "--data-dir", dir.Path);

        Assert.Equal(0, attribution.ExitCode);
        Assert.Contains("No conversion with a touch", attribution.Stdout, StringComparison.Ordinal);
        Assert.Contains("no cohorts", cohorts.Stdout, StringComparison.Ordinal);
        Assert.Contains("Nothing to fit", lift.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_Attribution_AndRoi_AnswerLikeTheCli()
    {
        await using var app = await RunningApp.StartAsync();
        foreach (var (kind, text) in new[]
                 {
                     ("touchpoints", "user_id,timestamp,channel\nu1,2026-01-01T10:00:00Z,search\nu1,2026-01-02T10:00:00Z,email\nu2,2026-01-03T10:00:00Z,search\n"),
                     ("conversions", "conversion_id,user_id,timestamp,revenue,cost\no1,u1,2026-01-03T10:00:00Z,100,40\no2,u2,2026-01-04T10:00:00Z,50,20\n"),
                 })
        {
            var imported = await app.Client.PostAsync("/api/v1/import/" + kind, new StringContent(text, Encoding.UTF8, "text/csv"));
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }

        using var first = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/measurement/attribution?model=first"));
        var bad = await app.Client.GetAsync("/api/v1/measurement/attribution?model=magic");
        using var roi = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/measurement/roi?from=2026-01&to=2026-01&model=first"));
        using var models = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/measurement/models"));

        Assert.Equal((2.0, 150.0), Credits(first.RootElement)["search"]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(2.0, roi.RootElement.GetProperty("channels").EnumerateArray().Single(r => r.GetProperty("channel").GetString() == "search").GetProperty("conversions").GetDouble());
        Assert.Equal(8, models.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Roi_LiftModel_PlacesIncrementalConversions_FewerThanAllConversions()
    {
        using var dir = new TempDir();
        Assert.Equal(0, (await Cli.RunAsync("demo", "--data-dir", dir.Path)).ExitCode);

        var lift = await Cli.RunAsync("report", "roi", "--model", "lift", "--format", "json", "--data-dir", dir.Path);
        var markov = await Cli.RunAsync("report", "roi", "--format", "json", "--data-dir", dir.Path);
        var bogus = await Cli.RunAsync("report", "roi", "--model", "bogus", "--data-dir", dir.Path);

        Assert.Equal(0, lift.ExitCode);
        using var incremental = JsonDocument.Parse(lift.Stdout);
        using var attributed = JsonDocument.Parse(markov.Stdout);
        Assert.Equal("lift", incremental.RootElement.GetProperty("model").GetString());
        double Sum(JsonDocument d, string field) => d.RootElement.GetProperty("channels").EnumerateArray().Sum(r => r.GetProperty(field).GetDouble());
        // Attribution shares out every conversion with a touch; the lift model only what the channels caused.
        Assert.True(Sum(incremental, "conversions") > 0);
        Assert.True(Sum(incremental, "conversions") < 0.95 * Sum(attributed, "conversions"));
        Assert.Equal(Sum(attributed, "spend"), Sum(incremental, "spend"), 6);
        Assert.Equal(2, bogus.ExitCode);
        Assert.Contains("lift", bogus.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LiveStreams_PerSessionFigures_AndStaffAndInfluencerSideBySide()
    {
        using var dir = new TempDir();
        // s1: staff host p1, 2 h, 1,200 viewers, 18 orders, GMV 5,400, 40 new followers: 5,400 / (1,200 x 2) = 2.25 per
        // viewer-hour, 18 / 1,200 = 1.5% order conversion. s2: influencer Mia, 1.5 h, 800 viewers, GMV 1,000: 0.8333.
        var file = dir.File("ls.csv", """
            session_id,campaign,host,host_kind,start,end,viewers,peak_viewers,new_followers,orders,gmv
            s1,bp-launch,p1,staff,2026-11-05T19:00:00+08:00,2026-11-05T21:00:00+08:00,1200,300,40,18,5400
            s2,,Mia,influencer,2026-11-06T20:00:00+08:00,2026-11-06T21:30:00+08:00,800,400,10,5,1000
            """);
        Assert.Equal(0, (await Cli.RunAsync("import", "livestreams", file, "--data-dir", dir.Path)).ExitCode);

        var report = await Cli.RunAsync("report", "livestreams", "--format", "json", "--data-dir", dir.Path);
        var bad = await Cli.RunAsync("report", "livestreams", "--from", "2026-11-31", "--data-dir", dir.Path);

        Assert.Equal(0, report.ExitCode);
        using var json = JsonDocument.Parse(report.Stdout);
        var sessions = json.RootElement.GetProperty("sessions").EnumerateArray().ToDictionary(x => x.GetProperty("sessionId").GetString()!);
        Assert.Equal(2.25, sessions["s1"].GetProperty("gmvPerViewerHour").GetDouble(), 10);
        Assert.Equal(0.015, sessions["s1"].GetProperty("orderConversion").GetDouble(), 10);
        Assert.Equal(1000.0 / 1200, sessions["s2"].GetProperty("gmvPerViewerHour").GetDouble(), 10);
        var hosts = json.RootElement.GetProperty("hosts").EnumerateArray().ToList();
        Assert.Equal(["p1", "Mia"], hosts.Select(h => h.GetProperty("host").GetString()));
        Assert.Equal(["staff", "influencer"], hosts.Select(h => h.GetProperty("hostKind").GetString()));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains(Messages.Text(Periods.DaysMalformedMessage), bad.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kpis_RoiAndRoas_AreTheRoiReportSummedOverThePeriod()
    {
        using var dir = await LoadAsync();

        var report = await Cli.RunAsync("report", "kpis", "--period", "2026-01", "--format", "json", "--data-dir", dir.Path);

        Assert.Equal(0, report.ExitCode);
        using var json = JsonDocument.Parse(report.Stdout);
        var kpis = json.RootElement.GetProperty("kpis").EnumerateArray().ToDictionary(k => k.GetProperty("id").GetString()!);
        // Revenue 150 (both orders have touches), spend 30 + 10 = 40: ROAS 150 / 40 = 3.75 whatever the model.
        Assert.Equal(3.75, kpis["roas"].GetProperty("value").GetDouble(), 10);
        // Gross profit 150 - 60 = 90; spend 40; costs 10 (search) + 40 (department, all allocated): net 90 - 40 - 50 = 0.
        Assert.Equal(0.0, kpis["roi"].GetProperty("value").GetDouble(), 10);
        Assert.Equal(90.0, kpis["roi"].GetProperty("inputs")[1].GetProperty("value").GetDouble(), 10);
        // cpa (media spend / conversions): 40 / 2.
        Assert.Equal(20.0, kpis["cpa"].GetProperty("value").GetDouble(), 10);

        // Another 10 of search spend in February, with no conversion. The quarter sums both months: ROAS 150 / 50 = 3,
        // ROI (90 - 50 - 50) / (50 + 50) = -0.1 (dividing by spend alone would give -0.2); February alone: -10 / 10 and 0 / 10.
        Assert.Equal(0, (await Cli.RunAsync("import", "spend", dir.File("feb.csv", "date,channel,spend\n2026-02-01,search,10\n"), "--data-dir", dir.Path)).ExitCode);
        using var quarter = JsonDocument.Parse((await Cli.RunAsync("report", "kpis", "--period", "2026-Q1", "--format", "json", "--data-dir", dir.Path)).Stdout);
        using var february = JsonDocument.Parse((await Cli.RunAsync("report", "kpis", "--period", "2026-02", "--format", "json", "--data-dir", dir.Path)).Stdout);
        double Value(JsonDocument d, string id) => d.RootElement.GetProperty("kpis").EnumerateArray().Single(k => k.GetProperty("id").GetString() == id).GetProperty("value").GetDouble();
        Assert.Equal(3.0, Value(quarter, "roas"), 10);
        Assert.Equal(-0.1, Value(quarter, "roi"), 10);
        Assert.Equal(-1.0, Value(february, "roi"), 10);
        Assert.Equal(0.0, Value(february, "roas"), 10);
    }
}
