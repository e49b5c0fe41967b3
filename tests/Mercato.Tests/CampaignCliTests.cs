using System.Text.Json;
using Mercato.Core.Campaigns;

namespace Mercato.Tests;

/// <summary><c>mercato people</c> and <c>mercato campaigns</c> as a user runs them.</summary>
public class CampaignCliTests
{
    private static async Task<Cli.Outcome> Run(TempDir dir, params string[] args) => await Cli.RunAsync([.. args, "--data-dir", dir.Path]);

    private static async Task CreateLaunch(TempDir dir, string end)
    {
        Assert.Equal(0, (await Run(dir, "people", "add", "ann", "--name", "Ann Lee", "--unit", "brand", "--title", "Brand manager")).ExitCode);
        Assert.Equal(0, (await Run(dir, "people", "add", "bo", "--name", "Bo Chen", "--unit", "pr")).ExitCode);
        var create = await Run(dir, "campaigns", "create", "bp-launch", "--name", "BP monitor launch", "--type", "product_launch", "--unit", "brand",
            "--start", "2026-03-01", "--end", end, "--code", "bp-launch", "--budget", "douyin_ads=6000", "--budget", "kol_fee=2000");
        Assert.Equal(0, create.ExitCode);
    }

    [Fact]
    public async Task Advance_IsRefusedWithTheReason_UntilBudgetAndSquad_ThenReachesPromotion_AndNotEvaluationBeforeTheEnd()
    {
        using var dir = new TempDir();
        await CreateLaunch(dir, "2099-12-31");

        var noSquad = await Run(dir, "campaigns", "advance", "bp-launch");
        var squad = await Run(dir, "campaigns", "squad", "bp-launch", "--squad", "launch-squad", "--lead", "ann", "--member", "bo:media");
        var resources = await Run(dir, "campaigns", "advance", "bp-launch");
        var notApproved = await Run(dir, "campaigns", "advance", "bp-launch");
        var approve = await Run(dir, "campaigns", "approve-budget", "bp-launch");
        var promotion = await Run(dir, "campaigns", "advance", "bp-launch");
        var early = await Run(dir, "campaigns", "advance", "bp-launch");
        var missing = await Run(dir, "campaigns", "advance", "ghost");

        Assert.Equal(2, noSquad.ExitCode);
        Assert.Contains("refused (no_squad): " + Messages.Text(LifecycleCodes.NoSquad, MessageArgs.Of(("campaign", "bp-launch"))), noSquad.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, squad.ExitCode);
        Assert.Equal(0, resources.ExitCode);
        Assert.Equal(2, notApproved.ExitCode);
        Assert.Contains("refused (budget_not_approved): " + Messages.Text(LifecycleCodes.BudgetNotApproved, MessageArgs.Of(("campaign", "bp-launch"))), notApproved.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, approve.ExitCode);
        Assert.Equal(0, promotion.ExitCode);
        Assert.Contains("resources_confirmed -> promotion by cmo", promotion.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, early.ExitCode);
        Assert.Contains("refused (not_ended): ", early.Stderr, StringComparison.Ordinal);
        Assert.Contains("2099-12-31", early.Stderr, StringComparison.Ordinal); // the arguments: the last day and the first day of evaluation
        Assert.Contains("2100-01-01", early.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
    }

    [Fact]
    public async Task StageCancelled_NeedsAReason_Exit2_ThenCancels_AndNothingMovesAfter()
    {
        using var dir = new TempDir();
        await CreateLaunch(dir, "2099-12-31");

        var noReason = await Run(dir, "campaigns", "stage", "bp-launch", "cancelled");
        var cancel = await Run(dir, "campaigns", "stage", "bp-launch", "cancelled", "--note", "supplier recall");
        var advance = await Run(dir, "campaigns", "advance", "bp-launch");
        var shown = await Run(dir, "campaigns", "show", "bp-launch", "--format", "json");

        Assert.Equal(2, noReason.ExitCode);
        Assert.Contains("refused (cancellation_reason_required): " + Messages.Text(LifecycleCodes.CancellationReasonRequired, MessageArgs.Of(("campaign", "bp-launch"))), noReason.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, cancel.ExitCode);
        Assert.Contains("bp-launch: planning -> cancelled by cmo: supplier recall", cancel.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, advance.ExitCode);
        Assert.Contains("cancelled_is_final", advance.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, shown.ExitCode);
        using var json = JsonDocument.Parse(shown.Stdout);
        Assert.Equal("cancelled", json.RootElement.GetProperty("stage").GetString());
    }

    [Fact]
    public async Task PeopleRemove_RemovesSomeoneNoSquadCounts_RefusesASquadMember_Exit1ForUnknown()
    {
        using var dir = new TempDir();
        await CreateLaunch(dir, "2099-12-31");
        Assert.Equal(0, (await Run(dir, "campaigns", "squad", "bp-launch", "--squad", "launch-squad", "--lead", "ann")).ExitCode);

        var inSquad = await Run(dir, "people", "remove", "ann");
        var removed = await Run(dir, "people", "remove", "bo");
        var unknown = await Run(dir, "people", "remove", "bo");
        var list = await Run(dir, "people", "list", "--format", "json");

        Assert.Equal(2, inSquad.ExitCode);
        Assert.Equal("refused (person_in_squad): " + Messages.Text(CampaignCodes.PersonInSquad, MessageArgs.Of(("id", "ann"), ("squads", new[] { "launch-squad" }))), inSquad.Stderr.Trim());
        Assert.Equal(0, removed.ExitCode);
        Assert.Equal("removed Bo Chen (bo) from the directory", removed.Stdout.Trim());
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal(Messages.Text(CampaignCodes.PersonNotFound, MessageArgs.Of(("id", "bo"))), unknown.Stderr.Trim());
        using var json = JsonDocument.Parse(list.Stdout);
        Assert.Equal(["ann"], json.RootElement.GetProperty("people").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task CampaignsRemove_OnlyInPlanning_TakesItOffItsSquad_Exit1ForUnknown()
    {
        using var dir = new TempDir();
        await CreateLaunch(dir, "2099-12-31");
        Assert.Equal(0, (await Run(dir, "campaigns", "squad", "bp-launch", "--squad", "launch-squad", "--lead", "ann")).ExitCode);
        Assert.Equal(0, (await Run(dir, "campaigns", "advance", "bp-launch")).ExitCode);

        var refused = await Run(dir, "campaigns", "remove", "bp-launch");
        var kept = await Run(dir, "campaigns", "show", "bp-launch", "--format", "json");
        Assert.Equal(0, (await Run(dir, "campaigns", "stage", "bp-launch", "planning", "--note", "not this year")).ExitCode);
        var removed = await Run(dir, "campaigns", "remove", "bp-launch");
        var unknown = await Run(dir, "campaigns", "remove", "bp-launch");
        var export = await Run(dir, "campaigns", "export", "-");

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal(
            "refused (campaign_has_history): " + Messages.Text(CampaignCodes.CampaignHasHistory, MessageArgs.Of(("id", "bp-launch"), ("stage", "resources_confirmed"))),
            refused.Stderr.Trim());
        using (var json = JsonDocument.Parse(kept.Stdout))
        {
            Assert.Equal("resources_confirmed", json.RootElement.GetProperty("stage").GetString());
        }

        Assert.Equal(0, removed.ExitCode);
        Assert.Equal("removed campaign bp-launch; taken off squad launch-squad", removed.Stdout.Trim());
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal(Messages.Text(CampaignCodes.CampaignNotFound, MessageArgs.Of(("id", "bp-launch"))) + "; see mercato campaigns list", unknown.Stderr.Trim());
        using (var json = JsonDocument.Parse(export.Stdout))
        {
            Assert.Empty(json.RootElement.GetProperty("campaigns").EnumerateArray());
            var squad = Assert.Single(json.RootElement.GetProperty("squads").EnumerateArray());
            Assert.Empty(squad.GetProperty("campaigns").EnumerateArray());
        }
    }

    [Fact]
    public async Task ShowJson_HasIdNameTypeStage_AndTheRestOfTheCampaign()
    {
        using var dir = new TempDir();
        await CreateLaunch(dir, "2026-03-31");
        await Run(dir, "campaigns", "squad", "bp-launch", "--squad", "launch-squad", "--lead", "ann");
        await Run(dir, "campaigns", "advance", "bp-launch");

        var show = await Run(dir, "campaigns", "show", "bp-launch", "--format", "json");

        Assert.Equal(0, show.ExitCode);
        using var json = JsonDocument.Parse(show.Stdout);
        var root = json.RootElement;
        Assert.Equal("bp-launch", root.GetProperty("id").GetString());
        Assert.Equal("BP monitor launch", root.GetProperty("name").GetString());
        Assert.Equal("product_launch", root.GetProperty("type").GetString());
        Assert.Equal("resources_confirmed", root.GetProperty("stage").GetString());
        Assert.Equal("2026-03-31", root.GetProperty("end").GetString());
        Assert.Equal(["channel", "cost"], root.GetProperty("budget").EnumerateArray().Select(l => l.GetProperty("kind").GetString()));
        var move = Assert.Single(root.GetProperty("transitions").EnumerateArray());
        Assert.Equal("cmo", move.GetProperty("by").GetString());
    }

    [Fact]
    public async Task InvalidInput_ChangesNothing_AndExportImportRoundTrips()
    {
        using var dir = new TempDir();
        await CreateLaunch(dir, "2026-03-31");
        var file = dir.File("campaigns.json", "");

        var backwards = await Run(dir, "campaigns", "create", "late", "--name", "Late", "--type", "exhibition", "--unit", "brand", "--start", "2026-03-10", "--end", "2026-03-01");
        var unknownMember = await Run(dir, "campaigns", "squad", "bp-launch", "--squad", "s", "--lead", "zoe");
        var export = await Run(dir, "campaigns", "export", file);
        using var other = new TempDir();
        var import = await Run(other, "campaigns", "import", file);
        var list = await Run(other, "campaigns", "list", "--format", "json");
        var people = await Run(other, "people", "list");
        var nulls = await Run(other, "campaigns", "import", dir.File("nulls.json", """{"people":[null]}"""));

        Assert.Equal(2, backwards.ExitCode);
        Assert.Contains(Messages.WithPath(Problem.Of("end", CommonCodes.EndBeforeStart, ("start", new DateOnly(2026, 3, 10)), ("end", new DateOnly(2026, 3, 1)))), backwards.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, unknownMember.ExitCode);
        Assert.Contains(Messages.Text(CampaignCodes.UnknownPerson, MessageArgs.Of(("person", "zoe"))), unknownMember.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, export.ExitCode);
        Assert.Equal(0, import.ExitCode);
        using var json = JsonDocument.Parse(list.Stdout);
        Assert.Equal(["bp-launch"], json.RootElement.GetProperty("campaigns").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Contains("Ann Lee", people.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, nulls.ExitCode);
        Assert.Contains(Messages.WithPath(new Problem("people[0]", CommonCodes.NullItem)), nulls.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PeopleWorkload_CountsConcurrentSquads_AndWarnsOfADoubleBooking()
    {
        using var dir = new TempDir();
        Assert.Equal(0, (await Run(dir, "org", "template", "recommended")).ExitCode);
        Assert.Equal(0, (await Run(dir, "people", "add", "p1", "--name", "Li Na", "--unit", "new_media")).ExitCode);
        Assert.Equal(0, (await Run(dir, "campaigns", "create", "launch", "--name", "Launch", "--type", "product_launch", "--unit", "planning",
            "--start", "2026-11-01", "--end", "2026-11-20", "--budget", "douyin_ads=5000")).ExitCode);
        Assert.Equal(0, (await Run(dir, "campaigns", "create", "expo", "--name", "Expo", "--type", "exhibition", "--unit", "planning",
            "--start", "2026-11-10", "--end", "2026-11-15", "--budget", "event=9000")).ExitCode);
        Assert.Equal(0, (await Run(dir, "campaigns", "squad", "launch", "--squad", "sq1", "--lead", "p1")).ExitCode);
        Assert.Equal(0, (await Run(dir, "campaigns", "squad", "expo", "--squad", "sq2", "--lead", "p1")).ExitCode);

        var workload = await Run(dir, "people", "workload", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "json");
        var reversed = await Run(dir, "people", "workload", "--from", "2026-11-30", "--to", "2026-11-01");

        Assert.Equal(0, workload.ExitCode);
        using var json = JsonDocument.Parse(workload.Stdout);
        var person = Assert.Single(json.RootElement.GetProperty("people").EnumerateArray());
        // sq1 covers Nov 1-20 (20 days), sq2 Nov 10-15 (6): peak 2, average 26 / 30, 20 busy days, never more than 2.
        Assert.Equal(2, person.GetProperty("peak").GetInt32());
        Assert.Equal(26.0 / 30, person.GetProperty("average").GetDouble(), 10);
        Assert.Equal(20, person.GetProperty("busyDays").GetInt32());
        Assert.False(person.GetProperty("stretched").GetBoolean());
        var conflict = Assert.Single(json.RootElement.GetProperty("conflicts").EnumerateArray());
        Assert.Equal("squad_double_booking", conflict.GetProperty("kind").GetString());
        Assert.Equal(2, reversed.ExitCode);
    }

    [Fact]
    public async Task Stage_OneBackNeedsANote_SkippingIsRefused()
    {
        using var dir = new TempDir();
        Assert.Equal(0, (await Run(dir, "people", "add", "p1", "--name", "Li Na", "--unit", "new_media")).ExitCode);
        Assert.Equal(0, (await Run(dir, "campaigns", "create", "launch", "--name", "Launch", "--type", "product_launch", "--unit", "planning",
            "--start", "2026-11-01", "--end", "2099-11-20", "--budget", "douyin_ads=5000")).ExitCode);
        Assert.Equal(0, (await Run(dir, "campaigns", "squad", "launch", "--squad", "sq1", "--lead", "p1")).ExitCode);
        Assert.Equal(0, (await Run(dir, "campaigns", "stage", "launch", "resources_confirmed")).ExitCode);

        var skip = await Run(dir, "campaigns", "stage", "launch", "evaluation");
        var backWithoutNote = await Run(dir, "campaigns", "stage", "launch", "planning");
        var back = await Run(dir, "campaigns", "stage", "launch", "planning", "--note", "budget cut, re-planning");
        var unknown = await Run(dir, "campaigns", "stage", "launch", "flying");
        var show = await Run(dir, "campaigns", "show", "launch", "--format", "json");

        Assert.Equal(2, skip.ExitCode);
        Assert.Contains("skips_stages", skip.Stdout + skip.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, backWithoutNote.ExitCode);
        Assert.Contains("note_required", backWithoutNote.Stdout + backWithoutNote.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, back.ExitCode);
        Assert.Equal(2, unknown.ExitCode);
        using var json = JsonDocument.Parse(show.Stdout);
        Assert.Equal("planning", json.RootElement.GetProperty("stage").GetString());
        Assert.Equal("budget cut, re-planning", json.RootElement.GetProperty("transitions").EnumerateArray().Last().GetProperty("note").GetString());
    }
}
