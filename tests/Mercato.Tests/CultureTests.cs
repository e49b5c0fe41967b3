using System.Globalization;
using System.Text.Json;
using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;
using Mercato.Features.Imports;
using Mercato.Features.Organization;
using Mercato.Storage.Import;
using Microsoft.Data.Sqlite;

namespace Mercato.Tests;

/// <summary>
/// Globalization is on (real cultures for the words people read), so the data must not follow the machine's locale: the
/// same files imported and reported under the invariant culture, German (decimal comma) and Chinese give the same stored
/// values and the same JSON; the words shown to a person follow the language Mercato is asked to speak, not the locale.
/// </summary>
public class CultureTests
{
    private const string Spend = "date,channel,campaign,spend,impressions,clicks\n2026-03-01,search,spring,1234.5678,1000,12\n2026-03-02,email,spring,10.25,,\n";

    private const string Touchpoints = "touchpoint_id,user_id,timestamp,channel,campaign,type\nt1,u1,2026-03-01T09:30:00+08:00,search,spring,click\nt2,u2,2026-03-02,email,spring,visit\n";

    private const string Conversions = "conversion_id,user_id,timestamp,revenue,cost\no1,u1,2026-03-03T10:00:00Z,2500.75,300.5\n";

    private static readonly string[] Cultures = ["C.UTF-8", "de_DE.UTF-8", "zh_CN.UTF-8"];

    [Fact]
    public async Task ImportsAndReports_WriteTheSameDataAndJson_WhateverTheLocale()
    {
        var results = new List<(string Stored, string Roi, string Attribution, string Kpis, string Budget, string Warning)>();
        foreach (var lang in Cultures)
        {
            using var dir = new TempDir();
            var environment = new Dictionary<string, string> { ["LANG"] = lang, ["LC_ALL"] = lang };
            async Task<Cli.Outcome> Run(params string[] args)
            {
                using var process = Cli.Start([.. args, "--data-dir", dir.Path], environment);
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                await process.WaitForExitAsync();
                return new Cli.Outcome(process.ExitCode, await stdout, await stderr);
            }

            foreach (var (kind, csv) in new[] { ("spend", Spend), ("touchpoints", Touchpoints), ("conversions", Conversions) })
            {
                var import = await Run("import", kind, dir.File(kind + ".csv", csv));
                Assert.True(import.ExitCode == 0, lang + " " + kind + ": " + import.Stdout + import.Stderr);
            }

            var created = await Run("campaigns", "create", "spring", "--name", "Spring", "--type", "product_launch", "--unit", "brand",
                "--start", "2026-03-01", "--end", "2026-03-10", "--code", "spring", "--budget", "search=1000.25");
            Assert.True(created.ExitCode == 0, lang + ": " + created.Stderr);
            var roi = await Run("report", "roi", "--format", "json");
            var attribution = await Run("report", "attribution", "--model", "linear", "--format", "json");
            var kpis = await Run("report", "kpis", "--period", "2026-03", "--format", "json");
            var budgetJson = await Run("campaigns", "budget", "spring", "--format", "json");
            var budget = await Run("campaigns", "budget", "spring");
            results.Add((Stored(dir.Path), Data(roi.Stdout), Data(attribution.Stdout), Data(kpis.Stdout), Data(budgetJson.Stdout),
                budget.Stdout.Split('\n').First(l => l.StartsWith("warning: ", StringComparison.Ordinal))));
        }

        var invariant = results[0];
        Assert.Contains("12345678", invariant.Stored, StringComparison.Ordinal); // 1234.5678 as ten-thousandths
        using (var budget = JsonDocument.Parse(invariant.Budget))
        {
            Assert.Equal(1000.25m, budget.RootElement.GetProperty("planned").GetDecimal());
            Assert.Equal(CampaignCodes.BudgetLineOverrun, budget.RootElement.GetProperty("warnings")[0].GetProperty("code").GetString());
        }

        Assert.All(results, r => Assert.Equal(invariant with { Warning = "" }, r with { Warning = "" }));
        // The words follow the language Mercato speaks (--lang, MERCATO_LANG, else the workspace's: English here), not the
        // machine's locale: the overrun warning is the same under every locale, its amount written as English writes it.
        Assert.Contains("1234.5678", results[0].Warning, StringComparison.Ordinal);
        Assert.All(results, r => Assert.Equal(results[0].Warning, r.Warning));
    }

    [Fact]
    public async Task InProcess_AChineseOrGermanCultureChangesNoStoredValueNorJson()
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            var outputs = new List<string>();
            foreach (var name in new[] { "", "zh-CN", "de-DE" })
            {
                CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
                await using var workspace = await TestWorkspace.OpenAsync();
                var result = await workspace.Get<ImportUseCases>().ImportAsync(new ImportRequest(DataKinds.Spend, "spend.csv", new FileFormat(DataFormat.Csv, false),
                    () => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Spend + "2026-03-03,search,,x,,\n"))), default);
                var report = await workspace.Get<OrganizationUseCases>().KpisAsync(Mercato.Core.Kpis.KpiPeriod.Of(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)), default);
                var batch = (await workspace.Get<ImportUseCases>().BatchAsync(result.BatchId, default)).Value! with { StartedAt = "", FinishedAt = "" };
                outputs.Add(Data(JsonSerializer.Serialize(new { report, batch, result.Errors }, CliContext.Json)) + Stored(workspace.Dir.Path));
            }

            Assert.Equal(outputs[0], outputs[1]);
            Assert.Equal(outputs[0], outputs[2]);
            Assert.Contains("\"code\":\"not_a_number\"", outputs[0], StringComparison.Ordinal);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    [Fact]
    public void CampaignInput_ReadsTheSameWhateverTheCulture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal(1000.25m, CampaignInput.BudgetLine("search=1000.25", out _)!.Planned);
            Assert.Equal("channel:search=1000.25", CampaignInput.Format(new BudgetLine(BudgetItemKind.Channel, "search", 1000.25m)));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    /// <summary>
    /// The JSON without the rendered sentences of coded messages (the <c>message</c> or <c>reason</c> beside <c>code</c> and
    /// <c>args</c>): those are words for people and follow their culture; everything else is data and must not.
    /// </summary>
    private static string Data(string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        void Strip(System.Text.Json.Nodes.JsonNode? n)
        {
            switch (n)
            {
                case System.Text.Json.Nodes.JsonObject o:
                    if (o.ContainsKey("code") && o.ContainsKey("args"))
                    {
                        o.Remove("message");
                        o.Remove("reason");
                    }

                    foreach (var child in o.Select(p => p.Value).ToList())
                    {
                        Strip(child);
                    }

                    break;
                case System.Text.Json.Nodes.JsonArray a:
                    foreach (var child in a)
                    {
                        Strip(child);
                    }

                    break;
            }
        }

        Strip(node);
        return node.ToJsonString();
    }

    /// <summary>The fact rows as stored: every value of spend and touchpoints, in a stable order.</summary>
    private static string Stored(string dataDir)
    {
        using var connection = new SqliteConnection("Data Source=" + Path.Combine(dataDir, "mercato.db") + ";Mode=ReadOnly;Pooling=False");
        connection.Open();
        var rows = new List<string>();
        foreach (var table in new[] { "spend", "touchpoints", "conversions" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT * FROM " + table + " ORDER BY 1, 2, 3";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add(table + ": " + string.Join("|", Enumerable.Range(0, reader.FieldCount)
                    .Where(i => !reader.GetName(i).Contains("batch", StringComparison.Ordinal))
                    .Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
            }
        }

        return string.Join("\n", rows);
    }
}
