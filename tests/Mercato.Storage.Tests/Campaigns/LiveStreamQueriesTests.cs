using Mercato.Core.Campaigns;
using Mercato.Core.DataCenter;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Campaigns;

public abstract class LiveStreamQueriesTests(StoreProvider provider) : StoreTest(provider)
{
    private static readonly DateOnly March1 = new(2026, 3, 1);
    private static readonly DateOnly March31 = new(2026, 3, 31);

    private LiveStreamQueries LiveStreams => new(Store);

    /// <summary>ann (staff) twice, Mia Zhang (influencer, two spellings) twice, bo (staff, not in the directory) once at the month's edge, and one session in April.</summary>
    private void Load()
    {
        Assert.True(new WorkspaceDocuments(Store).Save(CampaignDocuments.People, new Person("ann", "Ann Lee", "brand", "Brand manager")).Committed);
        var result = ImportCsv(DataKinds.LiveStreams, """
            session_id,campaign,host,host_kind,start,end,viewers,peak_viewers,new_followers,orders,gmv
            a,spring,ann,staff,2026-03-10T20:00:00Z,2026-03-10T22:00:00Z,1000,300,50,40,8000
            b,spring,ann,staff,2026-03-12T20:00:00Z,2026-03-12T21:00:00Z,500,200,10,10,2000
            c,,Mia Zhang,influencer,2026-03-11T12:00:00Z,2026-03-11T15:00:00Z,2000,900,100,50,10000
            d,,mia zhang,influencer,2026-03-14T12:00:00Z,2026-03-14T13:30:00Z,400,100,0,0,0
            f,,bo,staff,2026-03-31T23:30:00Z,2026-04-01T00:30:00Z,0,0,0,0,0
            e,,bo,staff,2026-04-01T00:00:00Z,2026-04-01T02:00:00Z,9000,900,0,100,99999
            """);
        Assert.Equal((ImportStatus.Committed, 6L), (result.Status, result.Added));
    }

    [Fact]
    public void Sessions_AreTheImportedRowsStartingInTheRange_ByStart()
    {
        Load();

        var sessions = LiveStreams.Sessions(March1, March31);

        Assert.Equal(["a", "c", "b", "d", "f"], sessions.Select(s => s.SessionId));
        Assert.Equal(
            new LiveStreamSession("a", "spring", HostKind.Staff, "ann", new(2026, 3, 10, 20, 0, 0, TimeSpan.Zero),
                new(2026, 3, 10, 22, 0, 0, TimeSpan.Zero), 1000, 300, 50, 40, 8000m),
            sessions[0]);
        Assert.Equal((HostKind.Influencer, "Mia Zhang", (string?)null), (sessions[1].HostKind, sessions[1].Host, sessions[1].Campaign));
        Assert.Equal(["e"], LiveStreams.Sessions(new(2026, 4, 1), new(2026, 4, 1)).Select(s => s.SessionId));
    }

    [Fact]
    public void Sessions_TheRangeIsLocalDaysOfTheWorkspaceZone()
    {
        Assert.True(Store.TrySetTimeZone("Asia/Shanghai"));
        Load();

        // f starts at 07:30 on April 1 in Shanghai; a session at 16:00Z on Feb 28 would be March 1 there.
        Assert.Equal(["a", "c", "b", "d"], LiveStreams.Sessions(March1, March31).Select(s => s.SessionId));
        Assert.Equal(["f", "e"], LiveStreams.Sessions(new(2026, 4, 1), new(2026, 4, 1)).Select(s => s.SessionId));
    }

    [Fact]
    public void Metrics_PerSession_FromImportedRows()
    {
        Load();

        Assert.Equal(
            [
                new SessionMetrics("a", 2, 2000, 4.0, 0.04, 0.05),
                new SessionMetrics("c", 3, 6000, 10000.0 / 6000, 0.025, 0.05),
                new SessionMetrics("b", 1, 500, 4.0, 0.02, 0.02),
                new SessionMetrics("d", 1.5, 600, 0.0, 0.0, 0.0),
                new SessionMetrics("f", 1, 0, null, null, null),
            ],
            LiveStreams.Metrics(March1, March31));
    }

    [Fact]
    public void Leaderboard_PutsStaffAndInfluencersSideBySide_FromImportedRows()
    {
        Load();

        Assert.Equal(
            [
                new HostLine(1, HostKind.Staff, "ann", "Ann Lee", 2, 3, 1500, 2500, 50, 60, 10000m, 4.0, 50.0 / 1500, 60.0 / 1500),
                new HostLine(2, HostKind.Influencer, "Mia Zhang", "Mia Zhang", 2, 4.5, 2400, 6600, 50, 100, 10000m, 10000.0 / 6600,
                    50.0 / 2400, 100.0 / 2400),
                new HostLine(3, HostKind.Staff, "bo", "bo", 1, 1, 0, 0, 0, 0, 0m, null, null, null),
            ],
            LiveStreams.Leaderboard(March1, March31));
    }

    [Fact]
    public void Sessions_EmptyStoreOrReversedRange()
    {
        Assert.Empty(LiveStreams.Sessions(March1, March31));
        Assert.Empty(LiveStreams.Leaderboard(March1, March31));
        Assert.Throws<ArgumentException>(() => LiveStreams.Sessions(March31, March1));
    }
}

public sealed class LiveStreamQueriesTestsOnSqlite() : LiveStreamQueriesTests(StoreProvider.Sqlite);

public sealed class LiveStreamQueriesTestsOnPostgres() : LiveStreamQueriesTests(StoreProvider.Postgres);
