using Mercato.Core.DataCenter;
using Mercato.Core.Organization;
using Mercato.Storage.Organization;
using Mercato.Storage.Sqlite;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Organization;

public class OrgStoreTests : StoreTest
{
    private static readonly Period Mar = Period.Parse("2026-03");

    private static OrgStructure Recommended => OrgTemplates.Get("recommended")!;

    private OrgStore Org => new(Store);

    [Fact]
    public void NewStore_HasNoStructureAndNoTargets()
    {
        Assert.Null(Org.Load());
        Assert.Null(Org.Structure());
        Assert.Empty(Org.Targets());
        Assert.False(Org.Delete());
    }

    [Fact]
    public void Save_ThenLoad_GivesTheSameStructure_AndWhenItWasSaved()
    {
        var result = Org.Save(Recommended);

        Assert.True(result.Saved);
        Assert.Empty(result.Problems);
        var saved = Org.Load()!;
        Assert.Equal(Recommended, saved.Structure);
        Assert.Equal("2026-04-01T08:00:00.000Z", saved.SavedAt);
        Assert.Equal(Recommended, new OrgStore(MercatoStore.Open(Store.DataDirectory, Clock)).Structure());
    }

    [Fact]
    public void Save_Replaces_TheOneStructure()
    {
        Org.Save(Recommended);
        Clock.Advance(TimeSpan.FromHours(1));

        Org.Save(OrgTemplates.Get("company-b")!);

        Assert.Equal(1, Count("org_structure"));
        var saved = Org.Load()!;
        Assert.Equal("Company B (VR technology)", saved.Structure.Name);
        Assert.Equal("2026-04-01T09:00:00.000Z", saved.SavedAt);
    }

    [Fact]
    public void Save_InvalidStructure_ChangesNothing_AndListsTheProblems()
    {
        Org.Save(Recommended);
        var broken = Recommended with { Units = [.. Recommended.Units, new OrgUnit("lost", "Lost", UnitKind.Team, "nowhere")] };

        var result = Org.Save(broken);

        Assert.False(result.Saved);
        Assert.Equal(OrgProblem.Of("units[18].parent", OrgCodes.UnknownUnit, ("unit", "nowhere")), Assert.Single(result.Problems));
        Assert.Equal(Recommended, Org.Structure());
    }

    [Fact]
    public void Save_DoesNotChangeTheDataVersion()
    {
        var before = Store.DataVersion();

        Org.Save(Recommended);
        Org.SetTargets([new TargetInput("dau", "user_ops", "2026-03", 100)]);

        Assert.Equal(before, Store.DataVersion());
    }

    [Fact]
    public void Delete_RemovesStructureAndTargets()
    {
        Org.Save(Recommended);
        Org.SetTargets([new TargetInput("dau", "user_ops", "2026-03", 100)]);

        Assert.True(Org.Delete());

        Assert.Null(Org.Load());
        Assert.Equal(0, Count("kpi_targets"));
    }

    [Fact]
    public void SetTargets_AddsThenUpdates_AndReadsBack()
    {
        Org.Save(Recommended);

        var first = Org.SetTargets(
        [
            new TargetInput("retention_d7", "user_ops", "2026-03", 0.2),
            new TargetInput("cpa", "online_promotion", "2026-Q1", 50),
            new TargetInput("dau", "user_ops", "2026-03", 1000),
        ]);
        Clock.Advance(TimeSpan.FromMinutes(1));
        var second = Org.SetTargets([new TargetInput("retention_d7", "user_ops", "2026-03", 0.25), new TargetInput("dau", "user_ops", "2026-04", 1100)]);

        Assert.Equal((3, 0), (first.Added, first.Updated));
        Assert.Equal((1, 1), (second.Added, second.Updated));
        Assert.Equal(new KpiTarget("retention_d7", "user_ops", Mar, 0.25), Org.Target("retention_d7", "user_ops", Mar));
        Assert.Equal(
            ["cpa online_promotion 2026-Q1", "dau user_ops 2026-03", "dau user_ops 2026-04", "retention_d7 user_ops 2026-03"],
            Org.Targets().Select(t => $"{t.Kpi} {t.Unit} {t.Period}"));
        Assert.Equal(["dau", "retention_d7"], Org.Targets(unit: "user_ops", period: Mar).Select(t => t.Kpi));
        Assert.Equal([Mar, Mar.Next()], Org.Targets(kpi: "dau").Select(t => t.Period));
        Assert.Equal("2026-04-01T08:01:00.000Z", Scalar<string>("SELECT updated_at FROM kpi_targets WHERE kpi_id = 'retention_d7'"));
    }

    [Fact]
    public void SetTargets_WithAnyProblem_SavesNone()
    {
        Org.Save(Recommended);

        var result = Org.SetTargets(
        [
            new TargetInput("dau", "user_ops", "2026-03", 1000),
            new TargetInput("happiness", "user_ops", "2026-03", 1),
            new TargetInput("dau", "nobody", "2026-3", -1),
            new TargetInput("cpa", "online_promotion", "2026-Q1", double.NaN),
        ]);

        Assert.False(result.IsValid);
        Assert.Equal(
            ["targets[1].kpi", "targets[2].unit", "targets[2].period", "targets[2].value", "targets[3].value"],
            result.Problems.Select(p => p.Path));
        Assert.Equal((Mercato.Core.Campaigns.CampaignCodes.UnknownKpi, MessageArgs.Of(("kpi", "happiness"))), (result.Problems[0].Code, result.Problems[0].Args));
        Assert.Equal(CommonCodes.Negative, result.Problems[3].Code);
        Assert.Equal(0, Count("kpi_targets"));
    }

    [Fact]
    public void SetTargets_WithoutAStructure_IsRefused()
    {
        var result = Org.SetTargets([new TargetInput("dau", "user_ops", "2026-03", 1000)]);

        Assert.Equal(new OrgProblem("targets", OrgCodes.NoStructure), Assert.Single(result.Problems));
    }

    [Fact]
    public void SetTargets_KnownKpisCanBeGiven()
    {
        Org.Save(Recommended);

        Assert.False(Org.SetTargets([new TargetInput("nps", "brand", "2026-03", 40)]).IsValid);
        Assert.True(Org.SetTargets([new TargetInput("nps", "brand", "2026-03", 40)], ["nps"]).IsValid);
    }

    [Fact]
    public void Save_RemovesTargetsOfUnitsThatAreGone_KeepsTheOthers()
    {
        Org.Save(Recommended);
        Org.SetTargets(
        [
            new TargetInput("dau", "user_ops", "2026-03", 1000),
            new TargetInput("mau", "user_ops", "2026-03", 5000),
            new TargetInput("gmv", "store_ops", "2026-03", 1e6),
        ]);
        var smaller = Recommended with
        {
            Units = [.. Recommended.Units.Where(u => u.Id != "user_ops")],
            Ownerships = [.. Recommended.Ownerships.Where(o => o.Unit != "user_ops")],
            Kpis = [.. Recommended.Kpis.Select(k => k.Unit == "user_ops" ? k with { Unit = null } : k)],
        };

        var result = Org.Save(smaller);

        Assert.True(result.Saved);
        Assert.Equal(2, result.TargetsRemoved);
        Assert.Equal(["gmv"], Org.Targets().Select(t => t.Kpi));
    }

    [Fact]
    public void DeleteTarget_RemovesOne()
    {
        Org.Save(Recommended);
        Org.SetTargets([new TargetInput("dau", "user_ops", "2026-03", 1000), new TargetInput("dau", "user_ops", "2026-Q1", 900)]);

        Assert.True(Org.DeleteTarget("dau", "user_ops", Mar));
        Assert.False(Org.DeleteTarget("dau", "user_ops", Mar));

        Assert.Equal([Period.Parse("2026-Q1")], Org.Targets().Select(t => t.Period));
    }

    [Fact]
    public void Values_RoundTripExactly()
    {
        Org.Save(Recommended);
        Org.SetTargets([new TargetInput("retention_d30", "user_ops", "2026-03", 0.1 + 0.2)]);

        Assert.Equal(0.1 + 0.2, Org.Targets().Single().Value);
    }

    [Fact]
    public void CorruptDocument_IsAnError_NotASilentNull()
    {
        Org.Save(Recommended);
        Execute("UPDATE org_structure SET document = '{\"name\": \"x\"}'");

        Assert.Throws<InvalidDataException>(() => Org.Load());
    }

    [Fact]
    public void ImportedFacts_AndTheOrganization_LiveSideBySide()
    {
        ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-01,search,1\n");
        Org.Save(Recommended);

        Assert.Equal(1, Count("spend"));
        Assert.NotNull(Org.Load());
    }
}
