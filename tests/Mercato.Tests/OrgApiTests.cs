using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Mercato.Tests;

/// <summary><c>/api/v1/org</c> and <c>/api/v1/kpis</c> over HTTP on a loopback port.</summary>
public class OrgApiTests
{
    [Fact]
    public async Task Demo_HasItsStructure_WithTheDeliberateOverlapAndGap()
    {
        await using var app = await RunningApp.StartAsync(demo: true);

        using var org = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/org"));
        using var check = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/org/check"));

        Assert.Equal("Kangning Medical", org.RootElement.GetProperty("name").GetString());
        var overlap = Assert.Single(check.RootElement.GetProperty("overlaps").EnumerateArray());
        Assert.Equal("seo", overlap.GetProperty("function").GetString());
        Assert.Equal(["new_media", "online_promotion"], overlap.GetProperty("units").EnumerateArray().Select(u => u.GetString()).Order());
        var gap = Assert.Single(check.RootElement.GetProperty("gaps").EnumerateArray());
        Assert.Equal("government_relations", gap.GetProperty("function").GetString());
        Assert.Empty(check.RootElement.GetProperty("mismatches").EnumerateArray());
    }

    [Fact]
    public async Task Kpis_ForAUnitAndPeriod_AndTheChartColoursUnitsWithOffTrackKpisRed()
    {
        await using var app = await RunningApp.StartAsync(demo: true);

        using var kpis = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/kpis?period=2026-09&unit=new_media_ops"));
        using var chart = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/org/chart?period=2026-09"));
        var badPeriod = await app.Client.GetAsync("/api/v1/kpis?period=2026-9");
        var badUnit = await app.Client.GetAsync("/api/v1/kpis?unit=nobody");

        var ids = kpis.RootElement.GetProperty("kpis").EnumerateArray().Select(k => k.GetProperty("id").GetString()).ToList();
        Assert.Equal(["reads", "followers_gained", "social_interactions"], ids);
        var units = chart.RootElement.GetProperty("units").EnumerateArray().ToDictionary(u => u.GetProperty("unit").GetString()!);
        Assert.Equal("red", units["new_media_ops"].GetProperty("own").GetProperty("colour").GetString());
        // The colour runs up the tree: the operations department and the company are red because a team below is.
        Assert.Equal("red", units["operations"].GetProperty("overall").GetProperty("colour").GetString());
        Assert.Equal("red", units["company"].GetProperty("overall").GetProperty("colour").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, badUnit.StatusCode);
    }

    [Fact]
    public async Task PutStructure_Invalid_Is422WithPaths_AndChangesNothing_Valid_ReplacesIt()
    {
        await using var app = await RunningApp.StartAsync();
        var invalid = "name: X\nunits:\n  - id: root\n    name: Root\n    kind: company\n  - id: a\n    name: A\n    kind: department\n    parent: missing\n";
        var template = await app.Client.GetStringAsync("/api/v1/org/templates/company-c");

        var refused = await app.Client.PutAsync("/api/v1/org", new StringContent(invalid, Encoding.UTF8, "application/yaml"));
        var none = await app.Client.GetAsync("/api/v1/org");
        var saved = await app.Client.PutAsync("/api/v1/org", new StringContent(template, Encoding.UTF8, "application/json"));
        var conflict = await app.Client.PostAsync("/api/v1/org/templates/recommended/apply", null);
        var replaced = await app.Client.PostAsync("/api/v1/org/templates/recommended/apply?replace=true", null);
        var yaml = await app.Client.GetStringAsync("/api/v1/org/export");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains(problem.RootElement.GetProperty("problems").EnumerateArray(), p => p.GetProperty("path").GetString() == "units[1].parent"
            && p.GetProperty("code").GetString() == Mercato.Core.Organization.OrgCodes.UnknownUnit && p.TryGetProperty("line", out _));
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.StartsWith("name: Recommended data-driven structure", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Targets_PutIsAllOrNothing_AndDeleteRemovesOne()
    {
        await using var app = await RunningApp.StartAsync();
        await app.Client.PostAsync("/api/v1/org/templates/recommended/apply", null);

        var mixed = await app.Client.PutAsJsonAsync("/api/v1/kpis/targets", new object[]
        {
            new { kpi = "gmv", unit = "store_ops", period = "2026-Q3", value = 50000 },
            new { kpi = "no_such_kpi", unit = "store_ops", period = "2026-07", value = 1 },
        });
        using var afterMixed = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/kpis/targets"));
        var good = await app.Client.PutAsJsonAsync("/api/v1/kpis/targets", new object[] { new { kpi = "gmv", unit = "store_ops", period = "2026-Q3", value = 50000 } });
        using var afterGood = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/kpis/targets?unit=store_ops"));
        var deleted = await app.Client.DeleteAsync("/api/v1/kpis/targets/gmv/store_ops/2026-Q3");
        var again = await app.Client.DeleteAsync("/api/v1/kpis/targets/gmv/store_ops/2026-Q3");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, mixed.StatusCode);
        Assert.Empty(afterMixed.RootElement.GetProperty("targets").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(50000, Assert.Single(afterGood.RootElement.GetProperty("targets").EnumerateArray()).GetProperty("value").GetDouble());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task BadInput_IsAClearError_NotAServerError()
    {
        await using var app = await RunningApp.StartAsync();
        await app.Client.PostAsync("/api/v1/org/templates/recommended/apply", null);

        // 9999-Q4 ends on a day DateOnly cannot hold; a null in the target list has no fields to read.
        var farPeriod = await app.Client.GetAsync("/api/v1/kpis?period=9999-Q4");
        var lastYear = await app.Client.GetAsync("/api/v1/kpis?period=9998-12");
        var nullTarget = await app.Client.PutAsync("/api/v1/kpis/targets", new StringContent("[null]", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, farPeriod.StatusCode);
        Assert.Equal(HttpStatusCode.OK, lastYear.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, nullTarget.StatusCode);
        using var problem = JsonDocument.Parse(await nullTarget.Content.ReadAsStringAsync());
        Assert.Equal("targets[0]", problem.RootElement.GetProperty("problems")[0].GetProperty("path").GetString());
    }
}
