using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Mercato.Tests;

/// <summary><c>POST /api/v1/anomalies</c>: the CLI's detector and JSON over HTTP.</summary>
public class AnomalyApiTests
{
    [Fact]
    public async Task ADailySeries_ItsDropIsFound_AndAGapIs422_WithThePointsPath()
    {
        await using var app = await RunningApp.StartAsync();
        var start = new DateOnly(2026, 1, 1);
        var points = Enumerable.Range(0, 60).Select(t => new { time = start.AddDays(t).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), value = t == 45 ? 20.0 : 300 + (t % 3) }).ToArray();

        var ok = await app.Client.PostAsJsonAsync("/api/v1/anomalies", new { period = "day", points });
        var gap = await app.Client.PostAsJsonAsync("/api/v1/anomalies", new { points = points.Where((_, i) => i != 30).ToArray() });
        var badPeriod = await app.Client.PostAsJsonAsync("/api/v1/anomalies", new { period = "week", points });

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using (var json = JsonDocument.Parse(await ok.Content.ReadAsStringAsync()))
        {
            var anomaly = Assert.Single(json.RootElement.GetProperty("anomalies").EnumerateArray());
            Assert.Equal("2026-02-15", anomaly.GetProperty("start").GetString());
            Assert.Equal("down", anomaly.GetProperty("direction").GetString());
            Assert.Equal(20, anomaly.GetProperty("value").GetDouble());
        }

        Assert.Equal(HttpStatusCode.UnprocessableEntity, gap.StatusCode);
        using (var problem = JsonDocument.Parse(await gap.Content.ReadAsStringAsync()))
        {
            var found = Assert.Single(problem.RootElement.GetProperty("problems").EnumerateArray());
            Assert.Equal("points[30].time", found.GetProperty("path").GetString());
        }

        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
    }
}
