using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Mercato.Tests;

/// <summary>Mentions through the front doors: import with sentiment and terms, summary, stream, terms, rescore, bad input.</summary>
public class MentionsTests
{
    private const string Header = "mention_id,timestamp,source,author,author_followers,text,url,language,reach,likes,comments,shares";

    /// <summary>Two English and two Chinese mentions on 2026-03-01 and one in German on 2026-03-02.</summary>
    private const string Csv = Header + """

        m1,2026-03-01T08:00:00Z,twitter,ann,10,Kangning nebulizer is great,,,100,1,0,0
        m2,2026-03-01T09:00:00Z,twitter,bob,,"The Kangning nebulizer broke, terrible",,,50,0,0,0
        m3,2026-03-01T10:00:00Z,weibo,,,康宁雾化器非常好用，推荐！,,,,,,
        m4,2026-03-01T11:00:00Z,weibo,,,康宁雾化器质量太差了，要退款,,zh,,,,
        m5,2026-03-02T11:00:00Z,forum,,,Der Vernebler ist kaputt,,de,,,,
        """;

    private static async Task PrepareAsync(RunningApp app)
    {
        using var watch = await app.Client.PutAsJsonAsync("/api/v1/listening/watch", new
        {
            terms = new object[]
            {
                new { term = "Kangning", kind = "brand", aliases = new[] { "康宁" } },
                new { term = "Yuwell", kind = "competitor", aliases = new[] { "鱼跃" } },
                new { term = "退款", kind = "risk", aliases = new[] { "refund" } },
            },
        });
        Assert.Equal(HttpStatusCode.OK, watch.StatusCode);
        using var import = await app.Client.PostAsync("/api/v1/import/mentions", new StringContent(Csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
    }

    [Fact]
    public async Task Import_StoresLanguageSentimentAndTerms_TheStreamFiltersThem()
    {
        await using var app = await RunningApp.StartAsync();
        await PrepareAsync(app);

        using var all = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/listening/mentions?from=2026-03-01&to=2026-03-02"));
        var mentions = all.RootElement.GetProperty("mentions").EnumerateArray().ToDictionary(m => m.GetProperty("mentionId").GetString()!);

        Assert.Equal(5, all.RootElement.GetProperty("total").GetInt64());
        Assert.Equal(("en", true, "positive"), Read(mentions["m1"]));
        Assert.Equal(("en", true, "negative"), Read(mentions["m2"]));
        Assert.Equal(("zh", true, "positive"), Read(mentions["m3"]));
        Assert.Equal(("zh", false, "negative"), Read(mentions["m4"]));
        Assert.Equal(("de", false, "not_scored"), Read(mentions["m5"]));
        Assert.Equal(["Kangning", "退款"], mentions["m4"].GetProperty("terms").EnumerateArray().Select(t => t.GetString()));
        using var negative = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/listening/mentions?from=2026-03-01&to=2026-03-02&label=negative&source=weibo"));
        Assert.Equal(["m4"], negative.RootElement.GetProperty("mentions").EnumerateArray().Select(m => m.GetProperty("mentionId").GetString()));
        using var search = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/listening/mentions?from=2026-03-01&to=2026-03-02&q=NEBULIZER"));
        Assert.Equal(2, search.RootElement.GetProperty("total").GetInt64());

        static (string?, bool, string?) Read(JsonElement m) =>
            (m.GetProperty("language").GetString(), m.GetProperty("languageDetected").GetBoolean(), m.GetProperty("label").GetString());
    }

    [Fact]
    public async Task Summary_CountsLabelsTermsShareOfVoiceAndSources_TheCliAgrees()
    {
        await using var app = await RunningApp.StartAsync();
        await PrepareAsync(app);

        var body = await app.Client.GetStringAsync("/api/v1/listening/summary?from=2026-03-01&to=2026-03-02");
        using var json = JsonDocument.Parse(body);
        var totals = json.RootElement.GetProperty("totals");

        Assert.Equal((5, 2, 2, 0, 1), (totals.GetProperty("mentions").GetInt64(), totals.GetProperty("positive").GetInt64(),
            totals.GetProperty("negative").GetInt64(), totals.GetProperty("neutral").GetInt64(), totals.GetProperty("notScored").GetInt64()));
        Assert.Equal(0.5, totals.GetProperty("negativeShare").GetDouble());
        var voice = json.RootElement.GetProperty("shareOfVoice").EnumerateArray().ToList();
        Assert.Equal(("Kangning", 4L, 1.0), (voice[0].GetProperty("term").GetString(), voice[0].GetProperty("mentions").GetInt64(), voice[0].GetProperty("share").GetDouble()));
        Assert.Equal(("Yuwell", 0L), (voice[1].GetProperty("term").GetString(), voice[1].GetProperty("mentions").GetInt64()));
        Assert.Equal([4L, 1L], json.RootElement.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("counts").GetProperty("mentions").GetInt64()));

        var cli = await Cli.RunAsync([.. new[] { "listening", "summary", "--from", "2026-03-01", "--to", "2026-03-02", "--format", "json" }, .. app.CliArgs]);
        Assert.Equal(0, cli.ExitCode);
        using var fromCli = JsonDocument.Parse(cli.Stdout);
        Assert.True(JsonElement.DeepEquals(totals, fromCli.RootElement.GetProperty("totals")));
        var table = await Cli.RunAsync([.. new[] { "listening", "summary", "--from", "2026-03-01", "--to", "2026-03-02" }, .. app.CliArgs]);
        Assert.Contains("5 mentions, 2 positive, 2 negative, 0 neutral, 1 not scored; negative share 50.0%", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rescore_AfterAWatchListChange_UpdatesTheTerms()
    {
        await using var app = await RunningApp.StartAsync();
        await PrepareAsync(app);
        var remove = await Cli.RunAsync([.. new[] { "listening", "watch", "remove", "退款" }, .. app.CliArgs]);
        Assert.Equal(0, remove.ExitCode);

        var rescore = await Cli.RunAsync([.. new[] { "listening", "rescore" }, .. app.CliArgs]);
        using var again = await app.Client.PostAsync("/api/v1/listening/rescore", null);

        Assert.Equal(0, rescore.ExitCode);
        Assert.Contains("rescored 5 mentions: 1 changed, 4 unchanged", rescore.Stdout, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await again.Content.ReadAsStringAsync());
        Assert.Equal((5L, 0L), (json.RootElement.GetProperty("read").GetInt64(), json.RootElement.GetProperty("updated").GetInt64()));
        using var refund = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/listening/mentions?from=2026-03-01&to=2026-03-02&term=退款"));
        Assert.Equal(0, refund.RootElement.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Terms_ListTheWordsOfTheWindow_WithoutWatchedNames()
    {
        await using var app = await RunningApp.StartAsync();
        await PrepareAsync(app);

        using var json = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/listening/terms?from=2026-03-01&to=2026-03-02&top=50"));
        var overall = json.RootElement.GetProperty("overall").EnumerateArray().Select(t => t.GetProperty("term").GetString()!).ToList();

        Assert.Contains("nebulizer", overall);
        Assert.Contains("雾化器", overall);
        Assert.DoesNotContain("kangning", overall);
        Assert.DoesNotContain("康宁", overall);
        Assert.Equal(5, json.RootElement.GetProperty("mentions").GetInt64());
    }

    [Theory]
    [InlineData("/api/v1/listening/mentions?from=2026-03-01", "both_days_or_neither")]
    [InlineData("/api/v1/listening/mentions?from=2026-03-02&to=2026-03-01", "end_before_start")]
    [InlineData("/api/v1/listening/mentions?source=tiktok", "not_one_of")]
    [InlineData("/api/v1/listening/mentions?label=angry", "not_one_of")]
    [InlineData("/api/v1/listening/mentions?limit=501", "out_of_range")]
    [InlineData("/api/v1/listening/summary?from=2025-01-01&to=2026-03-01", "range_too_long")]
    [InlineData("/api/v1/listening/terms?top=0", "out_of_range")]
    [InlineData("/api/v1/listening/summary?from=2026-3-1&to=2026-03-02", "days_malformed")]
    public async Task BadQueries_Get400WithTheirCode(string path, string code)
    {
        await using var app = await RunningApp.StartAsync();

        using var response = await app.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(code, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_AMentionWithoutText_OrNotUtf8_IsRefusedWithLineAndColumn_NothingStored()
    {
        await using var app = await RunningApp.StartAsync();
        var noText = Header + "\nm1,2026-03-01T08:00:00Z,twitter,,,fine,,,,,,\nm2,2026-03-01T08:00:00Z,twitter,,,,,,,,,\n";
        var bytes = Encoding.UTF8.GetBytes(Header + "\nm1,2026-03-01T08:00:00Z,weibo,,,").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes(",,,,,,\n")).ToArray();

        using var refused = await app.Client.PostAsync("/api/v1/import/mentions", new StringContent(noText, Encoding.UTF8, "text/csv"));
        using var notUtf8 = await app.Client.PostAsync("/api/v1/import/mentions", new ByteArrayContent(bytes) { Headers = { { "Content-Type", "text/csv" } } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("\"line\":3", body, StringComparison.Ordinal);
        Assert.Contains("\"column\":\"text\"", body, StringComparison.Ordinal);
        Assert.False(notUtf8.IsSuccessStatusCode);
        using var all = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/listening/mentions?from=2026-03-01&to=2026-03-02"));
        Assert.Equal(0, all.RootElement.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Pages_ShowTheWindowsFigures_FilterTheStream_AndSayWhatIsWrong()
    {
        await using var app = await RunningApp.StartAsync();
        var empty = await app.Client.GetStringAsync("/listening");
        await PrepareAsync(app);

        var overview = await app.Client.GetStringAsync("/listening?from=2026-03-01&to=2026-03-02");
        var stream = await app.Client.GetStringAsync("/listening/mentions?from=2026-03-01&to=2026-03-02&label=negative");
        var bad = await app.Client.GetStringAsync("/listening/mentions?from=2026-03-02&to=2026-03-01");
        var unknown = await app.Client.GetStringAsync("/listening/mentions?source=tiktok");

        Assert.Contains("mercato import mentions FILE.csv", empty, StringComparison.Ordinal);
        var text = System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(overview, "<[^>]+>", ""), "\\s+", " ");
        Assert.Contains("2026-03-01 to 2026-03-02: 5 mentions, 2 positive, 2 negative, 0 neutral, 1 not scored (a language without a scorer); negative share 50.0%", text, StringComparison.Ordinal);
        Assert.Contains("negative share <strong>50.0%</strong>", overview, StringComparison.Ordinal);
        Assert.Contains("<tr data-term=\"Kangning\"><td translate=\"no\">Kangning</td><td>brand</td><td class=\"num\">4</td><td class=\"num\">100.0%</td>", overview, StringComparison.Ordinal);
        Assert.Contains("id=\"no-spikes\"", overview, StringComparison.Ordinal);
        Assert.Contains("<strong>2</strong> mentions match", stream, StringComparison.Ordinal);
        Assert.Contains("data-mention=\"m2\"", stream, StringComparison.Ordinal);
        Assert.Contains("data-mention=\"m4\"", stream, StringComparison.Ordinal);
        Assert.DoesNotContain("data-mention=\"m1\"", stream, StringComparison.Ordinal);
        Assert.Contains("is before the start", bad, StringComparison.Ordinal);
        Assert.Contains("unknown value &quot;<span translate=\"no\">tiktok</span>&quot;", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrandBoard_MentionsAreTheStoredMentionsNamingABrandTerm()
    {
        await using var app = await RunningApp.StartAsync();
        using (var before = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/campaigns/brand?from=2026-03-01&to=2026-03-02")))
        {
            Assert.Contains("note_no_listening_data", before.RootElement.GetRawText(), StringComparison.Ordinal);
        }

        await PrepareAsync(app);

        var body = await app.Client.GetStringAsync("/api/v1/campaigns/brand?from=2026-03-01&to=2026-03-01");
        Assert.Contains("note_brand_mentions", body, StringComparison.Ordinal);
        Assert.DoesNotContain("note_no_listening_data", body, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(body);
        var values = new List<JsonElement>();
        Collect(json.RootElement, values);
        // m1..m4 name Kangning on March 1; m5 (March 2) names no brand.
        Assert.Contains(values, v => v.GetProperty("metric").GetString() == "mentions" && v.GetProperty("value").GetDouble() == 4);

        static void Collect(JsonElement e, List<JsonElement> found)
        {
            if (e.ValueKind == JsonValueKind.Object)
            {
                if (e.TryGetProperty("metric", out _) && e.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Number)
                {
                    found.Add(e);
                }

                foreach (var p in e.EnumerateObject())
                {
                    Collect(p.Value, found);
                }
            }
            else if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in e.EnumerateArray())
                {
                    Collect(item, found);
                }
            }
        }
    }

    [Fact]
    public async Task Alerts_ARecallRumourInTheLastHours_OpensARiskTermAlert_OnceAcrossEvaluations()
    {
        await using var app = await RunningApp.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var csv = new StringBuilder(Header).Append('\n');
        var n = 0;
        for (var h = hour.AddDays(-36); h < hour; h = h.AddHours(1))
        {
            var rumour = h >= hour.AddHours(-3);
            for (var i = 0; i < (rumour ? 65 : 5); i++)
            {
                var text = rumour && i >= 5 ? "康宁雾化器坏了要退款，太可怕" : "康宁雾化器还不错";
                csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"a{++n},{h.AddMinutes(i % 60):yyyy-MM-ddTHH:mm:ssZ},weibo,,,{text},,zh,,,,\n");
            }
        }

        await PrepareAsync(app);
        using (var import = await app.Client.PostAsync("/api/v1/import/mentions", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv")))
        {
            Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        }

        using (var evaluate = await app.Client.PostAsync("/api/v1/alerts/evaluate", null))
        {
            Assert.Equal(HttpStatusCode.OK, evaluate.StatusCode);
        }

        using var again = await app.Client.PostAsync("/api/v1/alerts/evaluate", null);
        using var alerts = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/alerts?kind=risk_term"));
        var list = alerts.RootElement.GetProperty("alerts").EnumerateArray().ToList();
        var recall = Assert.Single(list, a => a.GetProperty("subject").GetString() == "退款");
        Assert.Equal("severe", recall.GetProperty("severity").GetString());
        Assert.Equal("new", recall.GetProperty("status").GetString());
        using var spikes = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/alerts?kind=listening_spike"));
        Assert.Contains(spikes.RootElement.GetProperty("alerts").EnumerateArray(), a => a.GetProperty("subject").GetString() == "Kangning");
    }
}
