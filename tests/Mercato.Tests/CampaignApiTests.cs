using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mercato.Core.Campaigns;

namespace Mercato.Tests;

/// <summary><c>/api/v1/people</c>, <c>/api/v1/campaigns</c> and <c>/api/v1/squads</c> over HTTP on a loopback port.</summary>
public class CampaignApiTests
{
    private static string Day(int fromToday) =>
        DateOnly.FromDateTime(DateTime.UtcNow).AddDays(fromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static object LaunchCampaign(string name = "Spring launch", int startIn = -5, int endIn = 30) => new
    {
        id = "spring",
        name,
        type = "product_launch",
        unit = "marketing",
        start = Day(startIn),
        end = Day(endIn),
        codes = new[] { "SPR26" },
        budget = new[] { new { kind = "channel", item = "paid_search", planned = 1000 } },
    };

    private static async Task<JsonDocument> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync());

    [Fact]
    public async Task CampaignPage_ASecondClickOnMove_IsRefused_AndTheCampaignMovesOnce()
    {
        await using var app = await RunningApp.StartAsync(actor: "cmo");
        await app.Client.PutAsJsonAsync("/api/v1/people/ann", new { name = "Ann Lee", unit = "marketing" });
        await app.Client.PutAsJsonAsync("/api/v1/campaigns/spring", LaunchCampaign());
        await app.Client.PutAsJsonAsync("/api/v1/campaigns/spring/squad", new { squad = "launch", lead = "ann" });

        var first = await app.PostFormAsync("/campaigns/c/spring", "advance", ("from", "planning"));
        var second = await app.PostFormAsync("/campaigns/c/spring", "advance", ("from", "planning"));

        Assert.Contains("Moved to resources confirmed by cmo.", first.Html, StringComparison.Ordinal);
        Assert.Contains("data-code=\"moved_meanwhile\"", second.Html, StringComparison.Ordinal);
        using var campaign = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/campaigns/spring"));
        Assert.Equal("resources_confirmed", campaign.RootElement.GetProperty("stage").GetString());
        Assert.Single(campaign.RootElement.GetProperty("transitions").EnumerateArray());
    }

    [Fact]
    public async Task DetachSquad_KeepsTheLastLedSquadPastPlanning_AndTakesAnotherOff()
    {
        await using var app = await RunningApp.StartAsync(actor: "cmo");
        await app.Client.PutAsJsonAsync("/api/v1/people/ann", new { name = "Ann Lee", unit = "marketing" });
        await app.Client.PutAsJsonAsync("/api/v1/campaigns/spring", LaunchCampaign());
        await app.Client.PutAsJsonAsync("/api/v1/campaigns/spring/squad", new { squad = "launch", lead = "ann" });
        Assert.Equal(HttpStatusCode.OK, (await app.Client.PostAsync("/api/v1/campaigns/spring/advance", null)).StatusCode);

        var lastOne = await app.Client.DeleteAsync("/api/v1/campaigns/spring/squad/launch");
        await app.Client.PutAsJsonAsync("/api/v1/campaigns/spring/squad", new { squad = "backup", lead = "ann" });
        var detached = await app.Client.DeleteAsync("/api/v1/campaigns/spring/squad/launch");
        var again = await app.Client.DeleteAsync("/api/v1/campaigns/spring/squad/launch");
        var noSquad = await app.Client.DeleteAsync("/api/v1/campaigns/spring/squad/ghost");
        var noCampaign = await app.Client.DeleteAsync("/api/v1/campaigns/ghost/squad/launch");

        Assert.Equal(HttpStatusCode.Conflict, lastOne.StatusCode);
        using (var problem = await Json(lastOne))
        {
            Assert.Equal("squad_detach_refused", problem.RootElement.GetProperty("code").GetString());
            Assert.Equal(CampaignCodes.SquadLeadRequired, problem.RootElement.GetProperty("reason").GetString());
            Assert.Equal("spring", problem.RootElement.GetProperty("args").GetProperty("campaign").GetString());
        }

        Assert.Equal(HttpStatusCode.OK, detached.StatusCode);
        using (var squad = await Json(detached))
        {
            Assert.Empty(squad.RootElement.GetProperty("campaigns").EnumerateArray());
            Assert.Equal("ann", squad.RootElement.GetProperty("members")[0].GetProperty("person").GetString());
        }

        using var stored = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/squads/launch"));
        Assert.Empty(stored.RootElement.GetProperty("campaigns").EnumerateArray());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (noSquad.StatusCode, noCampaign.StatusCode));

        // The same gate holds for the squad resource: backup now leads the campaign alone.
        var deleteBackup = await app.Client.DeleteAsync("/api/v1/squads/backup");
        var unleadBackup = await app.Client.PutAsJsonAsync("/api/v1/squads/backup", new
        {
            name = "backup", members = new[] { new { person = "ann", role = "media" } }, start = Day(-20), end = Day(40), campaigns = new[] { "spring" },
        });
        foreach (var refused in new[] { deleteBackup, unleadBackup })
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            using var problem = await Json(refused);
            Assert.Equal("squad_lead_required", problem.RootElement.GetProperty("code").GetString());
        }

        using var backup = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/squads/backup"));
        Assert.Equal("lead", backup.RootElement.GetProperty("members")[0].GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await app.Client.DeleteAsync("/api/v1/squads/launch")).StatusCode);
    }

    [Fact]
    public async Task Cancel_WithAReason_Is200Cancelled_WithoutOne409_AndNothingMovesAfter()
    {
        await using var app = await RunningApp.StartAsync(actor: "cmo");
        await app.Client.PutAsJsonAsync("/api/v1/campaigns/spring", LaunchCampaign());

        var noReason = await app.Client.PostAsJsonAsync("/api/v1/campaigns/spring/stage/cancelled", new { actor = "cmo" });
        var cancelled = await app.Client.PostAsJsonAsync("/api/v1/campaigns/spring/stage/cancelled", new { actor = "cmo", note = "supplier recall" });
        var again = await app.Client.PostAsJsonAsync("/api/v1/campaigns/spring/stage/cancelled", new { actor = "cmo", note = "again" });
        var advance = await app.Client.PostAsync("/api/v1/campaigns/spring/advance", null);
        using var stored = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/campaigns/spring"));

        Assert.Equal(HttpStatusCode.Conflict, noReason.StatusCode);
        using (var problem = await Json(noReason))
        {
            Assert.Equal("cancellation_reason_required", problem.RootElement.GetProperty("code").GetString());
        }

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        using (var campaign = await Json(cancelled))
        {
            Assert.Equal("cancelled", campaign.RootElement.GetProperty("stage").GetString());
            var transition = Assert.Single(campaign.RootElement.GetProperty("transitions").EnumerateArray());
            Assert.Equal(("planning", "cancelled", "cmo", "supplier recall"), (
                transition.GetProperty("from").GetString(), transition.GetProperty("to").GetString(),
                transition.GetProperty("by").GetString(), transition.GetProperty("note").GetString()));
        }

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using (var problem = await Json(again))
        {
            Assert.Equal("same_stage", problem.RootElement.GetProperty("code").GetString());
        }

        Assert.Equal(HttpStatusCode.Conflict, advance.StatusCode);
        using (var problem = await Json(advance))
        {
            Assert.Equal("cancelled_is_final", problem.RootElement.GetProperty("code").GetString());
        }

        Assert.Equal("cancelled", stored.RootElement.GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Pages_ShowACancelledCampaign_WhereItStopped_WithTheReason_InItsOwnBoardColumnAndFilter()
    {
        await using var app = await RunningApp.StartAsync(actor: "cmo");
        await app.Client.PutAsJsonAsync("/api/v1/people/ann", new { name = "Ann Lee", unit = "marketing" });
        await app.Client.PutAsJsonAsync("/api/v1/campaigns/spring", LaunchCampaign());
        await app.Client.PutAsJsonAsync("/api/v1/campaigns/spring/squad", new { squad = "launch", lead = "ann" });
        Assert.Equal(HttpStatusCode.OK, (await app.Client.PostAsync("/api/v1/campaigns/spring/advance", null)).StatusCode);
        var before = await app.Client.GetStringAsync("/campaigns/c/spring");
        Assert.Equal(HttpStatusCode.OK, (await app.Client.PostAsJsonAsync("/api/v1/campaigns/spring/stage/cancelled", new { actor = "cmo", note = "supplier recall" })).StatusCode);

        var page = await app.Client.GetStringAsync("/campaigns/c/spring");
        var board = await app.Client.GetStringAsync("/campaigns/board");
        var list = await app.Client.GetStringAsync("/campaigns?stage=cancelled");
        var calendar = await app.Client.GetStringAsync("/campaigns/calendar");

        Assert.Contains("id=\"cancel-form\"", before, StringComparison.Ordinal);
        Assert.Contains("id=\"advance-form\"", before, StringComparison.Ordinal);
        Assert.Matches(@"id=""cancelled""[^>]*>Cancelled on\s+\d{4}-\d{2}-\d{2} by cmo: supplier recall\.", page);
        Assert.DoesNotContain("id=\"advance-form\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"back-form\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"cancel-form\"", page, StringComparison.Ordinal);
        Assert.Contains("class=\"passed\" data-stage=\"planning\"", page, StringComparison.Ordinal);
        Assert.Contains("class=\"stopped\" data-stage=\"resources_confirmed\"", page, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"<li class=""current"" data-stage=", page);
        Assert.Matches(@"data-stage=""cancelled""><h2>Cancelled <span class=""count"">1</span></h2>\s*<article class=""card"" data-campaign=""spring""", board);
        Assert.Contains("by cmo: supplier recall", board, StringComparison.Ordinal);
        Assert.Contains("<tr data-campaign=\"spring\" data-stage=\"cancelled\">", list, StringComparison.Ordinal);
        Assert.Contains("<option value=\"cancelled\" selected", list, StringComparison.Ordinal);
        Assert.Contains("swatch stage-cancelled", calendar, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lifecycle_GatesAre409WithCodes_AndMovesAre200()
    {
        await using var app = await RunningApp.StartAsync(actor: "cmo");

        var person = await app.Client.PutAsJsonAsync("/api/v1/people/ann", new { name = "Ann Lee", unit = "marketing", title = "Brand lead" });
        var created = await app.Client.PutAsJsonAsync("/api/v1/campaigns/spring", LaunchCampaign());
        var noSquad = await app.Client.PostAsync("/api/v1/campaigns/spring/advance", null);
        var squad = await app.Client.PutAsJsonAsync("/api/v1/campaigns/spring/squad", new { squad = "launch", lead = "ann" });
        var resources = await app.Client.PostAsJsonAsync("/api/v1/campaigns/spring/advance", new { actor = "cmo", note = "squad ready" });
        var approved = await app.Client.PostAsync("/api/v1/campaigns/spring/approve-budget", null);
        var promotion = await app.Client.PostAsync("/api/v1/campaigns/spring/stage/promotion", null);
        var notEnded = await app.Client.PostAsync("/api/v1/campaigns/spring/advance", null);
        using var squads = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/squads"));
        using var people = JsonDocument.Parse(await app.Client.GetStringAsync("/api/v1/people"));

        Assert.Equal(HttpStatusCode.OK, person.StatusCode);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, noSquad.StatusCode);
        using (var problem = await Json(noSquad))
        {
            Assert.Equal("no_squad", problem.RootElement.GetProperty("code").GetString());
            Assert.Equal("spring", problem.RootElement.GetProperty("args").GetProperty("campaign").GetString());
            Assert.Equal(Messages.Text(LifecycleCodes.NoSquad, MessageArgs.Of(("campaign", "spring"))), problem.RootElement.GetProperty("detail").GetString());
        }

        Assert.Equal(HttpStatusCode.OK, squad.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resources.StatusCode);
        using (var campaign = await Json(resources))
        {
            Assert.Equal("resources_confirmed", campaign.RootElement.GetProperty("stage").GetString());
            var transition = Assert.Single(campaign.RootElement.GetProperty("transitions").EnumerateArray());
            Assert.Equal("cmo", transition.GetProperty("by").GetString());
            Assert.Equal("squad ready", transition.GetProperty("note").GetString());
        }

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, promotion.StatusCode);
        using (var campaign = await Json(promotion))
        {
            Assert.Equal("promotion", campaign.RootElement.GetProperty("stage").GetString());
            Assert.Equal("cmo", campaign.RootElement.GetProperty("transitions")[1].GetProperty("by").GetString());
            Assert.Equal("cmo", campaign.RootElement.GetProperty("budgetApproval").GetProperty("by").GetString());
        }

        Assert.Equal(HttpStatusCode.Conflict, notEnded.StatusCode);
        using (var problem = await Json(notEnded))
        {
            Assert.Equal("not_ended", problem.RootElement.GetProperty("code").GetString());
        }

        var s = Assert.Single(squads.RootElement.GetProperty("squads").EnumerateArray());
        Assert.Equal("spring", Assert.Single(s.GetProperty("campaigns").EnumerateArray()).GetString());
        Assert.Equal("Ann Lee", Assert.Single(people.RootElement.GetProperty("people").EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Put_Invalid_Is422WithPaths_AndStoresNothing_AStageChangeIs409_UnknownIs404()
    {
        await using var app = await RunningApp.StartAsync(actor: "cmo");

        var invalid = await app.Client.PutAsJsonAsync("/api/v1/campaigns/spring", LaunchCampaign(name: "", startIn: 10, endIn: 1));
        var missing = await app.Client.GetAsync("/api/v1/campaigns/spring");
        var created = await app.Client.PutAsJsonAsync("/api/v1/campaigns/spring", LaunchCampaign());
        var stored = await app.Client.GetStringAsync("/api/v1/campaigns/spring");
        var staged = stored.Replace("\"stage\":\"planning\"", "\"stage\":\"promotion\"", StringComparison.Ordinal);
        var stageChange = await app.Client.PutAsync("/api/v1/campaigns/spring", new StringContent(staged, System.Text.Encoding.UTF8, "application/json"));
        var renamed = await app.Client.PutAsync("/api/v1/campaigns/spring",
            new StringContent(stored.Replace("Spring launch", "Spring launch 2026", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"));
        var badPerson = await app.Client.PutAsJsonAsync("/api/v1/people/bob", new { name = "", unit = "marketing" });
        var unknownCampaign = await app.Client.GetAsync("/api/v1/campaigns/nope");
        var unknownPerson = await app.Client.GetAsync("/api/v1/people/nope");
        var unknownAdvance = await app.Client.PostAsync("/api/v1/campaigns/nope/advance", null);
        var badStage = await app.Client.PostAsync("/api/v1/campaigns/spring/stage/launched", null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        using (var problem = await Json(invalid))
        {
            var paths = problem.RootElement.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("path").GetString()).ToList();
            Assert.Contains("name", paths);
            Assert.Contains("end", paths);
        }

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stageChange.StatusCode);
        using (var problem = await Json(stageChange))
        {
            Assert.Equal("stage_changes_through_lifecycle", problem.RootElement.GetProperty("code").GetString());
        }

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badPerson.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownCampaign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownPerson.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownAdvance.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badStage.StatusCode);
    }

    [Fact]
    public async Task ExportImport_RoundTrips_AndABadBundleChangesNothing()
    {
        await using var source = await RunningApp.StartAsync(actor: "cmo");
        await source.Client.PutAsJsonAsync("/api/v1/people/ann", new { name = "Ann Lee", unit = "marketing" });
        await source.Client.PutAsJsonAsync("/api/v1/campaigns/spring", LaunchCampaign());
        await source.Client.PutAsJsonAsync("/api/v1/campaigns/spring/squad", new { squad = "launch", lead = "ann" });
        var bundle = await source.Client.GetStringAsync("/api/v1/campaigns/export");

        await using var target = await RunningApp.StartAsync(actor: "it-admin");
        var broken = bundle.Replace("\"person\":\"ann\"", "\"person\":\"ghost\"", StringComparison.Ordinal);
        var refused = await target.Client.PutAsync("/api/v1/campaigns/import", new StringContent(broken, System.Text.Encoding.UTF8, "application/json"));
        using var empty = JsonDocument.Parse(await target.Client.GetStringAsync("/api/v1/campaigns"));
        var imported = await target.Client.PutAsync("/api/v1/campaigns/import", new StringContent(bundle, System.Text.Encoding.UTF8, "application/json"));
        var again = await target.Client.GetStringAsync("/api/v1/campaigns/export");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        using (var problem = await Json(refused))
        {
            Assert.Contains(problem.RootElement.GetProperty("problems").EnumerateArray(), p => p.GetProperty("path").GetString()!.StartsWith("squads[0]", StringComparison.Ordinal));
        }

        Assert.Empty(empty.RootElement.GetProperty("campaigns").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        using (var counts = await Json(imported))
        {
            Assert.Equal(1, counts.RootElement.GetProperty("people").GetInt32());
            Assert.Equal(1, counts.RootElement.GetProperty("squads").GetInt32());
            Assert.Equal(1, counts.RootElement.GetProperty("campaigns").GetInt32());
        }

        // The same people, squads and campaigns, each campaign new to this workspace recorded as restored by who imported it.
        using var before = JsonDocument.Parse(bundle);
        using var after = JsonDocument.Parse(again);
        Assert.Equal(before.RootElement.GetProperty("people").GetRawText(), after.RootElement.GetProperty("people").GetRawText());
        Assert.Equal(before.RootElement.GetProperty("squads").GetRawText(), after.RootElement.GetProperty("squads").GetRawText());
        var restored = after.RootElement.GetProperty("campaigns")[0];
        Assert.Equal(JsonValueKind.Null, before.RootElement.GetProperty("campaigns")[0].GetProperty("restored").ValueKind);
        Assert.Equal("it-admin", restored.GetProperty("restored").GetProperty("by").GetString());
        Assert.Equal(
            before.RootElement.GetProperty("campaigns")[0].GetRawText(),
            restored.GetRawText().Replace(restored.GetProperty("restored").GetRawText(), "null", StringComparison.Ordinal));

        // Importing the export again changes nothing: the restore mark stays what it was.
        Assert.Equal(HttpStatusCode.OK, (await target.Client.PutAsync("/api/v1/campaigns/import", new StringContent(again, System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(again, await target.Client.GetStringAsync("/api/v1/campaigns/export"));
    }

    [Fact]
    public async Task NullsInLists_Are422WithPaths_AndTheKitApprovalChangesOnlyThroughApproveKit()
    {
        await using var app = await RunningApp.StartAsync(actor: "cmo");

        var bundle = await app.Client.PutAsync("/api/v1/campaigns/import", JsonContent(
            """{"people":[null],"squads":[{"id":"s","name":"s","members":[null],"start":"2026-01-01","end":"2026-01-02"}]}"""));
        var campaign = await app.Client.PutAsync("/api/v1/campaigns/spring", JsonContent(
            """{"name":"Spring","type":"brand_event","unit":"marketing","start":"2026-01-01","end":"2026-01-02","objectives":[null],"codes":[null]}"""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, bundle.StatusCode);
        Assert.Equal(["people[0]", "squads[0].members[0]"], Paths(await Json(bundle)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, campaign.StatusCode);
        Assert.Equal(["objectives[0]", "codes[0]"], Paths(await Json(campaign)));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/api/v1/campaigns/spring")).StatusCode);

        // Paths count the nulls too (squads[1] stays squads[1]); items inside campaigns of a bundle are checked as in PUT.
        var nested = await app.Client.PutAsync("/api/v1/campaigns/import", JsonContent(
            """{"squads":[null,{"id":"s","name":"s","members":[null],"start":"2026-01-01","end":"2026-01-02"}],"campaigns":[{"id":"c","name":"C","type":"brand_event","unit":"marketing","start":"2026-01-01","end":"2026-01-02","milestones":[null]}]}"""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, nested.StatusCode);
        Assert.Equal(["squads[0]", "squads[1].members[0]", "campaigns[0].milestones[0]"], Paths(await Json(nested)));
        // A kit without its messages list has no messages (it was a 500).
        using (var noMessages = await app.Client.PutAsync("/api/v1/campaigns/summer", JsonContent(
            """{"name":"Summer","type":"brand_event","unit":"marketing","start":"2026-01-01","end":"2026-01-02","kit":{"links":[]}}""")))
        {
            Assert.Equal(HttpStatusCode.OK, noMessages.StatusCode);
            Assert.Empty((await Json(noMessages)).RootElement.GetProperty("kit").GetProperty("messages").EnumerateArray());
        }

        const string Draft = """{"name":"Spring","type":"brand_event","unit":"marketing","start":"2026-01-01","end":"2026-01-02","kit":{"messages":["Hi"],"links":[]}}""";
        Assert.Equal(HttpStatusCode.OK, (await app.Client.PutAsync("/api/v1/campaigns/spring", JsonContent(Draft))).StatusCode);
        var selfApproved = await app.Client.PutAsync("/api/v1/campaigns/spring", JsonContent(
            Draft.Replace("\"links\":[]", "\"links\":[],\"approvedBy\":\"me\",\"approvedAt\":\"2026-01-01T00:00:00Z\"", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Conflict, selfApproved.StatusCode);
        Assert.Equal("kit_approval_through_lifecycle", (await Json(selfApproved)).RootElement.GetProperty("code").GetString());

        Assert.Equal(HttpStatusCode.OK, (await app.Client.PostAsJsonAsync("/api/v1/campaigns/spring/approve-kit", new { actor = "Zhou Yan" })).StatusCode);
        var approved = await Json(await app.Client.GetAsync("/api/v1/campaigns/spring"));
        // The acting person is the server's (Mercato:Actor), never a name in the body.
        Assert.Equal("cmo", approved.RootElement.GetProperty("kit").GetProperty("approvedBy").GetString());

        // Editing an approved kit's messages sends it back to draft: staff share only what was approved.
        var edited = approved.RootElement.GetRawText().Replace("[\"Hi\"]", "[\"Hello\"]", StringComparison.Ordinal);
        var saved = await app.Client.PutAsync("/api/v1/campaigns/spring", JsonContent(edited));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var kit = (await Json(saved)).RootElement.GetProperty("kit");
        Assert.Equal("Hello", kit.GetProperty("messages")[0].GetString());
        Assert.Equal(JsonValueKind.Null, kit.GetProperty("approvedBy").ValueKind);
    }

    [Fact]
    public async Task DeletePerson_Is204_404ForUnknown_409PersonInSquadWhileASquadCountsThem()
    {
        await using var app = await RunningApp.StartAsync(actor: "cmo");
        await app.Client.PutAsJsonAsync("/api/v1/people/ann", new { name = "Ann Lee", unit = "marketing" });
        await app.Client.PutAsJsonAsync("/api/v1/people/bo", new { name = "Bo Chen", unit = "marketing" });
        await app.Client.PutAsJsonAsync("/api/v1/campaigns/spring", LaunchCampaign());
        Assert.Equal(HttpStatusCode.OK, (await app.Client.PutAsJsonAsync("/api/v1/campaigns/spring/squad", new { squad = "launch", lead = "ann" })).StatusCode);

        var inSquad = await app.Client.DeleteAsync("/api/v1/people/ann");
        var stillThere = await app.Client.GetAsync("/api/v1/people/ann");
        var deleted = await app.Client.DeleteAsync("/api/v1/people/bo");
        var gone = await app.Client.GetAsync("/api/v1/people/bo");
        var again = await app.Client.DeleteAsync("/api/v1/people/bo");

        Assert.Equal(HttpStatusCode.Conflict, inSquad.StatusCode);
        using (var problem = await Json(inSquad))
        {
            Assert.Equal("person_in_squad", problem.RootElement.GetProperty("code").GetString());
            Assert.Equal("ann", problem.RootElement.GetProperty("args").GetProperty("id").GetString());
            Assert.Equal(["launch"], problem.RootElement.GetProperty("args").GetProperty("squads").EnumerateArray().Select(s => s.GetString()));
        }

        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        using (var problem = await Json(again))
        {
            Assert.Equal((CampaignCodes.PersonNotFound, "bo"), (problem.RootElement.GetProperty("code").GetString(), problem.RootElement.GetProperty("args").GetProperty("id").GetString()));
        }

        Assert.Equal(HttpStatusCode.NoContent, (await app.Client.DeleteAsync("/api/v1/squads/launch")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await app.Client.DeleteAsync("/api/v1/people/ann")).StatusCode);
    }

    [Fact]
    public async Task DeleteCampaign_InPlanning_Is204_AndLeavesItsSquad_409CampaignHasHistoryOnceItHasLeftPlanning_404ForUnknown()
    {
        await using var app = await RunningApp.StartAsync(actor: "cmo");
        await app.Client.PutAsJsonAsync("/api/v1/people/ann", new { name = "Ann Lee", unit = "marketing" });
        await app.Client.PutAsJsonAsync("/api/v1/campaigns/spring", LaunchCampaign());
        await app.Client.PutAsJsonAsync("/api/v1/campaigns/spring/squad", new { squad = "launch", lead = "ann" });
        Assert.Equal(HttpStatusCode.OK, (await app.Client.PostAsync("/api/v1/campaigns/spring/advance", null)).StatusCode);

        var refused = await app.Client.DeleteAsync("/api/v1/campaigns/spring");
        using var afterRefusal = await Json(await app.Client.GetAsync("/api/v1/campaigns/spring"));
        using var squadAfterRefusal = await Json(await app.Client.GetAsync("/api/v1/squads/launch"));
        Assert.Equal(HttpStatusCode.OK, (await app.Client.PostAsJsonAsync("/api/v1/campaigns/spring/stage/planning", new { note = "not this quarter" })).StatusCode);
        var deleted = await app.Client.DeleteAsync("/api/v1/campaigns/spring");
        var gone = await app.Client.GetAsync("/api/v1/campaigns/spring");
        using var squad = await Json(await app.Client.GetAsync("/api/v1/squads/launch"));
        var unknown = await app.Client.DeleteAsync("/api/v1/campaigns/spring");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        using (var problem = await Json(refused))
        {
            Assert.Equal("campaign_has_history", problem.RootElement.GetProperty("code").GetString());
            Assert.Equal(("spring", "resources_confirmed"),
                (problem.RootElement.GetProperty("args").GetProperty("id").GetString(), problem.RootElement.GetProperty("args").GetProperty("stage").GetString()));
        }

        Assert.Equal("resources_confirmed", afterRefusal.RootElement.GetProperty("stage").GetString());
        Assert.Equal(["spring"], squadAfterRefusal.RootElement.GetProperty("campaigns").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Empty(squad.RootElement.GetProperty("campaigns").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using (var problem = await Json(unknown))
        {
            Assert.Equal((CampaignCodes.CampaignNotFound, "spring"), (problem.RootElement.GetProperty("code").GetString(), problem.RootElement.GetProperty("args").GetProperty("id").GetString()));
        }
    }

    [Fact]
    public async Task Squad_GetPutRoundTrips_InvalidIs422WithPaths_DeleteIs204_UnknownIs404()
    {
        await using var app = await RunningApp.StartAsync(actor: "cmo");
        await app.Client.PutAsJsonAsync("/api/v1/people/ann", new { name = "Ann Lee", unit = "marketing" });
        await app.Client.PutAsJsonAsync("/api/v1/people/bo", new { name = "Bo Chen", unit = "marketing" });
        await app.Client.PutAsJsonAsync("/api/v1/campaigns/spring", LaunchCampaign());
        await app.Client.PutAsJsonAsync("/api/v1/campaigns/spring/squad", new { squad = "launch", lead = "ann" });

        var missing = await app.Client.GetAsync("/api/v1/squads/nope");
        var stored = await app.Client.GetStringAsync("/api/v1/squads/launch");
        var widened = stored.Replace("[{\"person\":\"ann\",\"role\":\"lead\"}]", "[{\"person\":\"ann\",\"role\":\"lead\"},{\"person\":\"bo\",\"role\":\"media\"}]", StringComparison.Ordinal);
        Assert.NotEqual(stored, widened);
        var put = await app.Client.PutAsync("/api/v1/squads/launch", JsonContent(widened));
        var read = await app.Client.GetStringAsync("/api/v1/squads/launch");
        var fresh = await app.Client.PutAsync("/api/v1/squads/social", JsonContent(
            """{"name":"Social","members":[{"person":"bo","role":"lead"}],"start":"2026-05-01","end":"2026-05-31"}"""));
        var ghost = await app.Client.PutAsync("/api/v1/squads/launch", JsonContent(widened.Replace("\"bo\"", "\"ghost\"", StringComparison.Ordinal)));
        var nullMember = await app.Client.PutAsync("/api/v1/squads/launch", JsonContent(widened.Replace("{\"person\":\"bo\",\"role\":\"media\"}", "null", StringComparison.Ordinal)));
        var noMembers = await app.Client.PutAsync("/api/v1/squads/launch", JsonContent("""{"name":"Launch","start":"2026-05-01","end":"2026-05-31"}"""));
        var otherId = await app.Client.PutAsync("/api/v1/squads/launch", JsonContent(widened.Replace("\"id\":\"launch\"", "\"id\":\"other\"", StringComparison.Ordinal)));
        var afterRefusals = await app.Client.GetStringAsync("/api/v1/squads/launch");
        var deleted = await app.Client.DeleteAsync("/api/v1/squads/launch");
        var gone = await app.Client.GetAsync("/api/v1/squads/launch");
        var unknown = await app.Client.DeleteAsync("/api/v1/squads/launch");
        using var campaign = await Json(await app.Client.GetAsync("/api/v1/campaigns/spring"));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(widened, await put.Content.ReadAsStringAsync());
        Assert.Equal(widened, read);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        using (var social = await Json(fresh))
        {
            Assert.Equal("social", social.RootElement.GetProperty("id").GetString());
            Assert.Empty(social.RootElement.GetProperty("campaigns").EnumerateArray());
        }

        Assert.Equal(HttpStatusCode.UnprocessableEntity, ghost.StatusCode);
        using (var problem = await Json(ghost))
        {
            var only = Assert.Single(problem.RootElement.GetProperty("problems").EnumerateArray());
            Assert.Equal("members[1].person", only.GetProperty("path").GetString());
            Assert.Equal(CampaignCodes.UnknownPerson, only.GetProperty("code").GetString());
            Assert.Equal("ghost", only.GetProperty("args").GetProperty("person").GetString());
            Assert.Equal(Messages.Text(CampaignCodes.UnknownPerson, MessageArgs.Of(("person", "ghost"))), only.GetProperty("message").GetString());
            Assert.Equal((CommonCodes.Invalid, 1), (problem.RootElement.GetProperty("code").GetString(), problem.RootElement.GetProperty("args").GetProperty("count").GetInt32()));
        }

        Assert.Equal(HttpStatusCode.UnprocessableEntity, nullMember.StatusCode);
        Assert.Equal(["members[1]"], Paths(await Json(nullMember)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noMembers.StatusCode);
        Assert.Equal(["members"], Paths(await Json(noMembers)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherId.StatusCode);
        Assert.Equal(["id"], Paths(await Json(otherId)));
        Assert.Equal(widened, afterRefusals);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("planning", campaign.RootElement.GetProperty("stage").GetString());
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static List<string?> Paths(JsonDocument problem) =>
        [.. problem.RootElement.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("path").GetString())];

    [Fact]
    public async Task OpenApi_ListsTheCampaignPaths()
    {
        await using var app = await RunningApp.StartAsync(actor: "cmo");

        using var doc = JsonDocument.Parse(await app.Client.GetStringAsync("/openapi/v1.json"));

        var paths = doc.RootElement.GetProperty("paths");
        foreach (var path in new[]
        {
            "/api/v1/people", "/api/v1/people/{id}", "/api/v1/squads", "/api/v1/squads/{id}", "/api/v1/campaigns", "/api/v1/campaigns/{id}",
            "/api/v1/campaigns/{id}/advance", "/api/v1/campaigns/{id}/stage/{stage}", "/api/v1/campaigns/{id}/approve-budget",
            "/api/v1/campaigns/{id}/squad", "/api/v1/campaigns/export", "/api/v1/campaigns/import",
        })
        {
            Assert.True(paths.TryGetProperty(path, out _), path + " is missing");
        }

        Assert.Equal("DeletePerson", paths.GetProperty("/api/v1/people/{id}").GetProperty("delete").GetProperty("operationId").GetString());
        Assert.Equal("DeleteCampaign", paths.GetProperty("/api/v1/campaigns/{id}").GetProperty("delete").GetProperty("operationId").GetString());
        var squad = paths.GetProperty("/api/v1/squads/{id}");
        Assert.Equal(["GetSquad", "PutSquad", "DeleteSquad"], new[] { "get", "put", "delete" }.Select(m => squad.GetProperty(m).GetProperty("operationId").GetString()));
    }
}
