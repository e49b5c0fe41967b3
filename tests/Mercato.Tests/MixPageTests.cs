using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Mercato.Core.Mix;
using Mercato.Features.Mix;

namespace Mercato.Tests;

/// <summary>The Mix model page and the mix column of the Models page, as a browser gets them.</summary>
public partial class MixPageTests
{
    [Fact]
    public async Task OnTheSmallDemo_TheFitIsRefused_AndTheModelsPageSaysWhyInOneLine()
    {
        await using var app = await RunningApp.StartAsync(demo: true);

        var models = await app.Client.GetStringAsync("/measurement/models");
        var mix = await app.Client.GetStringAsync("/measurement/mix?outcome=conversions");

        var line = Regex.Match(models, "<p id=\"models-mix\">(.*?)</p>", RegexOptions.Singleline).Groups[1].Value;
        Assert.StartsWith("Mix model: not fitted: The workspace has", line, StringComparison.Ordinal);
        Assert.Contains("the mix model needs at least 25", line, StringComparison.Ordinal);
        Assert.DoesNotContain("mix model: contribution", models, StringComparison.Ordinal);
        Assert.Contains("id=\"mix-problems\"", mix, StringComparison.Ordinal);
        Assert.DoesNotContain("Demo truth", mix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFittedWorkspace_ShowsBands_AnHonestDecomposition_AndTheGlidePathPerWeek()
    {
        await using var app = await RunningApp.StartAsync();
        var sim = MixSimulation.Draw(seed: 21, channels: 3, weeks: 60, noise: 0.03).Data;
        await ImportAsync(app, sim);

        // Four weeks at the current spend (the mean of the last 13 weeks): within any guard rails.
        var budget = 4 * sim.Channels.Sum(c => c.Values.Skip(sim.Periods.Count - 13).Average());
        var page = await app.Client.GetStringAsync("/measurement/mix?period=4&budget=" + budget.ToString("F0", CultureInfo.InvariantCulture));

        Assert.Contains("id=\"mix-channels\"", page, StringComparison.Ordinal);
        Assert.DoesNotMatch(NegativeZero(), page);
        // The bands: one legend entry, shaded, every band under the same name.
        Assert.Contains("&quot;name&quot;:&quot;90% band&quot;,&quot;icon&quot;:&quot;rect&quot;", page, StringComparison.Ordinal);
        Assert.Contains("&quot;opacity&quot;:0.28", page, StringComparison.Ordinal);
        // The decomposition: said in words, only positive parts stacked, actual and fitted drawn.
        Assert.Contains("id=\"mix-decomposition-note\"", page, StringComparison.Ordinal);
        Assert.Contains("&quot;stack&quot;:&quot;positive&quot;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("&quot;stack&quot;:&quot;total&quot;", page, StringComparison.Ordinal);
        // The proposal: a glide-path column per week, and the note that the table's money is over the whole period.
        Assert.Contains("<th>Glide path</th>", page, StringComparison.Ordinal);
        Assert.Matches("<td class=\"glide\">(at its best level, [0-9,]+ per week|best level 0: stepped down|best level [0-9,]+ per week: within|reaches [0-9,]+ per week in [0-9]+ planning periods)", page);
        Assert.Contains("Money in the table is over the whole planning period (4 weeks)", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Figures_ThatRoundToZero_PrintWithoutASign()
    {
        Assert.Equal("0", MixFormat.Number(-0.3));
        Assert.Equal("0", MixFormat.Number(-0.0));
        Assert.Equal("-1", MixFormat.Number(-0.5));
        Assert.Equal("1,235", MixFormat.Number(1234.5));
        Assert.Equal("0.00", MixFormat.Fixed(-0.004));
        Assert.Equal("-0.01", MixFormat.Fixed(-0.005));
        Assert.Equal("NaN", MixFormat.Fixed(double.NaN));
    }

    /// <summary>A figure printed as -0 (or -0.00), alone in a cell or at either end of an interval.</summary>
    [GeneratedRegex(@"(>|– |\()-0(\.0+)?(<| –|\))")]
    private static partial Regex NegativeZero();

    /// <summary>
    /// The simulated weeks as a workspace's facts: each week's spend shared evenly over its seven days (Mondays from
    /// 2024-01-01), and its outcome as revenue over five conversions a day.
    /// </summary>
    private static async Task ImportAsync(RunningApp app, MixData data)
    {
        var spend = new StringBuilder("date,channel,campaign,spend,impressions,clicks\n");
        var conversions = new StringBuilder("conversion_id,user_id,timestamp,revenue,cost\n");
        var monday = new DateOnly(2024, 1, 1);
        for (var w = 0; w < data.Periods.Count; w++)
        {
            for (var d = 0; d < 7; d++)
            {
                var day = monday.AddDays((7 * w) + d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                foreach (var channel in data.Channels)
                {
                    spend.Append(CultureInfo.InvariantCulture, $"{day},{channel.Name},,{Math.Round(channel.Values[w] / 7, 2)},,\n");
                }

                for (var k = 0; k < 5; k++)
                {
                    conversions.Append(CultureInfo.InvariantCulture, $"c{w}-{d}-{k},u{w}-{d}-{k},{day}T0{k}:00:00Z,{Math.Round(data.Outcome[w] / 35, 2)},\n");
                }
            }
        }

        foreach (var (kind, csv) in new[] { ("spend", spend), ("conversions", conversions) })
        {
            using var response = await app.Client.PostAsync("/api/v1/import/" + kind, new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
            Assert.True(response.IsSuccessStatusCode, kind + ": " + await response.Content.ReadAsStringAsync());
        }
    }
}
