using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;
using Mercato.Core.Demo;
using Mercato.Core.Organization;
using Mercato.Storage.Campaigns;
using Mercato.Storage.Demo;
using Mercato.Storage.Import;
using Mercato.Storage.Organization;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Demo;

/// <summary>Loading the demo stores its campaigns workspace: people, squads, campaigns and live-stream sessions.</summary>
public class DemoCampaignsLoadTests : StoreTest
{
    private static readonly DemoOptions Small = new(42, DemoScale.Small, new YearMonth(2026, 3));

    [Fact]
    public void Load_StoresThePeopleSquadsCampaignsAndLiveStreams()
    {
        var loaded = new DemoData(Store).Load(Small);

        var workspace = Assert.IsType<DemoWorkspace>(loaded.Workspace);
        Assert.Equal(DemoCampaigns.Build(loaded.Truth).Campaigns, workspace.Campaigns);
        var stored = new CampaignStore(Store).Export();
        Assert.Equal(workspace.People.OrderBy(p => p.Id, StringComparer.Ordinal), stored.People);
        Assert.Equal(workspace.Squads.OrderBy(s => s.Id, StringComparer.Ordinal), stored.Squads);
        Assert.Equal(workspace.Campaigns.OrderBy(c => c.Id, StringComparer.Ordinal), stored.Campaigns);
        Assert.Equal(240, stored.People.Count);
        Assert.Equal(24, stored.Campaigns.Count);

        Assert.Equal(50, Count("livestreams"));
        Assert.Equal(50, loaded.RowsByKind["livestreams"]);
        var sessions = new LiveStreamQueries(Store).Sessions(loaded.Truth.FirstMonth.FirstDay, new DateOnly(2026, 3, 31));
        Assert.Equal(workspace.Sessions.Select(s => s.ToSession()), sessions);
        Assert.Equal(loaded.Truth.LiveDays.Sum(d => d.Gmv), sessions.Sum(s => s.Gmv));
        var board = new LiveStreamQueries(Store).Leaderboard(loaded.Truth.FirstMonth.FirstDay, new DateOnly(2026, 3, 31));
        Assert.Contains(board, l => l.Host == DemoCampaigns.Ceo && l.Name == "Chen Jian");
    }

    [Fact]
    public void Load_ThatClashesWithTheUsersPeople_LeavesTheStoreAsItWas()
    {
        var mine = new Person("mine", "Mine", "brand", null, ["STAFF-001"]);
        Assert.True(new CampaignStore(Store).SavePerson(mine).Saved);

        var error = Assert.Throws<DemoRefusedException>(() => new DemoData(Store).Load(Small));

        Assert.IsAssignableFrom<InvalidOperationException>(error);
        Assert.Equal(StorageCodes.DemoClashes, error.Code);
        Assert.Contains(error.Problems, p => p.Code == CampaignCodes.ReferralCodeTaken && Equals(p.Args["code"], "STAFF-001") && Equals(p.Args["person"], "mine"));
        var demo = new DemoData(Store);
        Assert.False(demo.IsLoaded);
        Assert.True(demo.StoreIsEmpty);
        Assert.Null(demo.GroundTruth());
        Assert.Null(new OrgStore(Store).Structure());
        Assert.Equal([mine], new CampaignStore(Store).People());
    }

    [Fact]
    public void Remove_UnderTheUsersOwnStructure_KeepsTheirCampaignWithADemoId()
    {
        Assert.True(new OrgStore(Store).Save(OrgTemplates.Get("recommended")!).Saved);
        var campaigns = new CampaignStore(Store);
        var own = new Campaign("sem-brand", "Our brand search", CampaignType.PaidMediaFlight, "brand", new(2026, 1, 1), new(2026, 1, 31));
        Assert.True(campaigns.SaveCampaign(own).Saved);
        var loaded = new DemoData(Store).Load(Small);
        Assert.Null(loaded.Workspace);

        new DemoData(Store).Remove();

        Assert.Equal([own], campaigns.Campaigns());
    }

    [Fact]
    public void Load_TheStoredCampaignsWorkWithTheLifecycle()
    {
        var loaded = new DemoData(Store).Load(Small);
        var campaigns = new CampaignStore(Store);
        var now = loaded.Workspace!.Now;

        var refused = campaigns.Advance("live-programme-2026-q2", "liu-wei", now)!;
        Assert.Equal(LifecycleCodes.BudgetNotApproved, refused.Refusal!.Code);

        Assert.True(campaigns.ApproveBudget("live-programme-2026-q2", DemoCampaigns.BudgetApprover, now)!.Succeeded);
        var moved = campaigns.Advance("live-programme-2026-q2", "liu-wei", now)!;
        Assert.Equal(CampaignStage.Promotion, moved.Campaign!.Stage);
        Assert.Equal(LifecycleCodes.ClosedIsFinal, campaigns.Advance("double11-promo-2025", "x", now)!.Refusal!.Code);
    }

    [Fact]
    public void Load_Twice_ChangesNothing()
    {
        var demo = new DemoData(Store);
        demo.Load(Small);
        var first = new CampaignStore(Store).Export();
        var sessions = Query<(string, long, long)>("SELECT session_id, viewers, gmv FROM livestreams ORDER BY session_id").ToList();

        demo.Load(Small);

        var second = new CampaignStore(Store).Export();
        Assert.Equal(first.People, second.People);
        Assert.Equal(first.Squads, second.Squads);
        Assert.Equal(first.Campaigns, second.Campaigns);
        Assert.Equal(sessions, Query<(string, long, long)>("SELECT session_id, viewers, gmv FROM livestreams ORDER BY session_id"));
    }

    [Fact]
    public void Load_AnotherDemo_ReplacesTheWorkspace()
    {
        var demo = new DemoData(Store);
        demo.Load(Small);

        var loaded = demo.Load(Small with { Seed = 43, LastMonth = new YearMonth(2026, 1) });

        var stored = new CampaignStore(Store).Export();
        Assert.Equal(loaded.Workspace!.People.Select(p => p.Id).Order(StringComparer.Ordinal), stored.People.Select(p => p.Id));
        Assert.Equal(loaded.Workspace.Campaigns.Select(c => c.Id).Order(StringComparer.Ordinal), stored.Campaigns.Select(c => c.Id));
        Assert.Equal(loaded.Workspace.Sessions.Count, Count("livestreams"));
    }

    [Fact]
    public void Remove_TakesTheWorkspaceAway_AndKeepsPeopleOfTheUsersOwn()
    {
        var demo = new DemoData(Store);
        demo.Load(Small);
        var campaigns = new CampaignStore(Store);
        Assert.True(campaigns.SavePerson(new Person("ann", "Ann", "brand")).Saved);

        demo.Remove();

        var left = campaigns.Export();
        Assert.Equal(["ann"], left.People.Select(p => p.Id));
        Assert.Empty(left.Squads);
        Assert.Empty(left.Campaigns);
        Assert.Equal(0, Count("livestreams"));
    }

    [Fact]
    public void Load_WithAStructureOfTheUsersOwn_LoadsTheSessionsButNotTheWorkspace()
    {
        Assert.True(new OrgStore(Store).Save(OrgTemplates.Get("company-a")!).Saved);

        var loaded = new DemoData(Store).Load(Small);

        Assert.Null(loaded.Workspace);
        Assert.Empty(new CampaignStore(Store).Export().People);
        Assert.Equal(50, Count("livestreams"));
    }

    [Fact]
    public void GroundTruth_ReferralsAndLiveDays_RoundTripThroughTheStore()
    {
        var demo = new DemoData(Store);
        var loaded = demo.Load(Small);

        var truth = demo.GroundTruth()!;

        Assert.Equal(loaded.Truth.Referrals, truth.Referrals);
        Assert.Equal(loaded.Truth.LiveDays, truth.LiveDays);
        Assert.Equal(
            Scalar<long>("SELECT COUNT(*) FROM touchpoints WHERE referral_code IS NOT NULL"),
            truth.Referrals.Sum(r => r.Touchpoints));
        Assert.Contains("\"code\": \"STAFF-001\"", File.ReadAllText(loaded.TruthFile), StringComparison.Ordinal);
    }

    [Fact]
    public void ReferralCrediting_OnTheDemo_MatchesItsGroundTruth_AndCreditsEveryCodeToItsPerson()
    {
        var loaded = new DemoData(Store).Load(Small);
        var truth = loaded.Truth.Referrals.ToDictionary(r => r.Code, StringComparer.Ordinal);
        var queries = new ReferralQueries(Store);

        // Every touch carrying a code is counted for it, exactly as the generator wrote them.
        var first = queries.Tallies(null, null, Mercato.Core.Measurement.Attribution.AttributionModel.First);
        Assert.Equal(truth.Where(t => t.Value.Touchpoints > 0).Select(t => (t.Key, t.Value.Touchpoints)).Order(),
            first.Where(t => t.Touches > 0).Select(t => (t.Code, t.Touches)).Order());

        // Linear splits a conversion among its journey's touches, so a code's credit is at most the conversions of the
        // journeys it took part in (the generator's count), and above 0 wherever such a journey converted.
        var linear = queries.Tallies(null, null, Mercato.Core.Measurement.Attribution.AttributionModel.Linear).ToDictionary(t => t.Code, StringComparer.Ordinal);
        foreach (var (code, t) in truth)
        {
            var credit = linear.GetValueOrDefault(code)?.Conversions ?? 0;
            Assert.InRange(credit, 0, t.Conversions + 1e-9);
            Assert.Equal(t.Conversions > 0, credit > 0);
        }

        // Every code belongs to one demo person, so nothing is left unmatched and credit is conserved.
        var board = Referrals.Leaderboard(linear.Values, new CampaignStore(Store).People());
        Assert.Empty(board.Unmatched);
        Assert.Equal(linear.Values.Sum(t => t.Conversions), board.People.Sum(p => p.Conversions), 9);
        Assert.Equal(linear.Values.Sum(t => t.Conversions), board.Units.Sum(u => u.Conversions), 9);
    }

    [Fact]
    public void ExhibitionCosts_AreBookedToTheFairsCampaign_AndMeetItsEventLine()
    {
        new DemoData(Store).Load(Small);
        var queries = new CampaignQueries(Store);
        var all = new CampaignStore(Store).Campaigns().Where(c => c.Type == CampaignType.Exhibition).ToList();
        // Fairs held in the data's window (up to March 2026); the next spring fair is still being planned and has no costs.
        var fairs = all.Where(c => c.End <= new DateOnly(2026, 3, 31)).ToList();
        var planned = Assert.Single(all.Except(fairs));
        Assert.Empty(queries.CostActuals(planned));

        Assert.NotEmpty(fairs);
        foreach (var fair in fairs)
        {
            var eventLine = fair.Budget.Single(l => l.Key == "cost:event").Planned;
            var actual = Assert.Single(queries.CostActuals(fair), a => a.Item == "event");
            Assert.Equal(eventLine, actual.Amount);
        }

        // The department's own costs carry no campaign and count for none.
        Assert.Equal(fairs.Count, Scalar<long>("SELECT COUNT(*) FROM costs WHERE campaign IS NOT NULL"));
    }
}
