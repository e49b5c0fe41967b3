using Mercato.Core.DataCenter;
using Mercato.Storage.Import;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.DataCenter;

public abstract class DataCenterQueriesTests(StoreProvider provider) : StoreTest(provider)
{
    private KindSummary Summary(string kind) => Queries.Sources().Kinds.Single(k => k.Kind == kind);

    [Fact]
    public void Sources_EmptyStore_ListsEveryKindWithNothingHeld()
    {
        var report = Queries.Sources();

        Assert.Equal(["spend", "touchpoints", "conversions", "costs", "activity", "social", "appstore", "store", "livestreams", "mentions", "clicks",
                "influencer_snapshots", "influencer_posts", "influencer_followers"], report.Kinds.Select(k => k.Kind));
        Assert.All(report.Kinds, k => Assert.Equal(new KindSummary(k.Kind, 0, null, null, null), k));
    }

    [Fact]
    public void Sources_AfterImports_GivesRowsFirstAndLastDateAndLastImportPerKind()
    {
        ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-05,search,1\n2026-03-01,search,1\n");
        Clock.Advance(TimeSpan.FromHours(1));
        ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-09,search,1\n2026-03-05,search,1\n");
        Clock.Advance(TimeSpan.FromHours(1));
        ImportCsv(DataKinds.Costs, "month,category,amount,kind\n2026-01,staff,1,fixed\n2026-03,staff,1,fixed\n");
        Clock.Advance(TimeSpan.FromMinutes(30));
        ImportCsv(DataKinds.Touchpoints, "user_id,timestamp,channel\nu1,2026-02-10T23:30:00-01:00,search\nu1,2026-02-12T00:00:00Z,search\n");

        var report = Queries.Sources();

        Assert.Equal(
            [
                new KindSummary("spend", 3, "2026-03-01", "2026-03-09", "2026-04-01T09:00:00.000Z"),
                new KindSummary("touchpoints", 2, "2026-02-11", "2026-02-12", "2026-04-01T10:30:00.000Z"),
                new KindSummary("conversions", 0, null, null, null),
                new KindSummary("costs", 2, "2026-01-01", "2026-03-01", "2026-04-01T10:00:00.000Z"),
                new KindSummary("activity", 0, null, null, null),
                new KindSummary("social", 0, null, null, null),
                new KindSummary("appstore", 0, null, null, null),
                new KindSummary("store", 0, null, null, null),
                new KindSummary("livestreams", 0, null, null, null),
                new KindSummary("mentions", 0, null, null, null),
                new KindSummary("clicks", 0, null, null, null),
                new KindSummary("influencer_snapshots", 0, null, null, null),
                new KindSummary("influencer_posts", 0, null, null, null),
                new KindSummary("influencer_followers", 0, null, null, null),
            ],
            report.Kinds);
    }

    [Fact]
    public void Sources_InstantsAreDatedInTheWorkspaceTimeZone()
    {
        Assert.True(Store.TrySetTimeZone("Asia/Shanghai"));
        ImportCsv(DataKinds.Activity, "user_id,timestamp,event\nu1,2026-03-01T20:00:00Z,view\nu1,2026-02-28T15:59:00Z,view\n");
        ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-01,search,1\n");

        var activity = Summary("activity");
        Assert.Equal(("2026-02-28", "2026-03-02"), (activity.FirstDate, activity.LastDate));
        var spend = Summary("spend");
        Assert.Equal(("2026-03-01", "2026-03-01"), (spend.FirstDate, spend.LastDate));
    }

    [Fact]
    public void Sources_RejectedDryRunAndInterruptedImports_DoNotCount()
    {
        ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-05,search,1\n");
        Clock.Advance(TimeSpan.FromHours(1));
        ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-01-01,search,1\n2026-12-31,search,x\n");
        ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-01-02,search,1\n", r => r with { DryRun = true });
        Execute("""
            INSERT INTO import_batches (kind, source, format, started_at, finished_at, status, first_ts, last_ts)
            VALUES ('spend', 'x.csv', 'csv', '2026-05-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z', 'interrupted', 0, 99999999999999)
            """);

        Assert.Equal(new KindSummary("spend", 1, "2026-03-05", "2026-03-05", "2026-04-01T08:00:00.000Z"), Summary("spend"));
    }

    [Fact]
    public void Sources_ReimportThatChangesNothing_StillMovesTheLastImport()
    {
        ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-05,search,1\n");
        Clock.Advance(TimeSpan.FromDays(1));

        ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-05,search,1\n");

        Assert.Equal(new KindSummary("spend", 1, "2026-03-05", "2026-03-05", "2026-04-02T08:00:00.000Z"), Summary("spend"));
    }

    [Fact]
    public void Sources_AfterAReimportMovesARow_GivesTheDatesOfTheRowsHeld()
    {
        // The touchpoint t1 is first dated 2026-03-01, then corrected to 2026-03-05: the store holds one row, of 2026-03-05.
        ImportCsv(DataKinds.Touchpoints, "touchpoint_id,user_id,timestamp,channel\nt1,u1,2026-03-01T10:00:00Z,search\n");
        var corrected = ImportCsv(DataKinds.Touchpoints, "touchpoint_id,user_id,timestamp,channel\nt1,u1,2026-03-05T10:00:00Z,search\n");
        Assert.Equal(1, corrected.Updated);

        var summary = Summary("touchpoints");

        Assert.Equal(1, summary.Rows);
        Assert.Equal(("2026-03-05", "2026-03-05"), (summary.FirstDate, summary.LastDate));
    }

    [Fact]
    public void Channels_NewNames_AreGroupedByTheBuiltInGuessElseUnassigned()
    {
        var result = ImportCsv(DataKinds.Spend, """
            date,channel,spend
            2026-03-01,baidu_sem,12.5
            2026-03-02,baidu_sem,0.5
            2026-03-01,Mystery Channel,1
            2026-03-01,Douyin-Ads,2
            2026-03-01,aardvark,3
            2026-03-01,Email,4
            """);
        ImportCsv(DataKinds.Touchpoints, "user_id,timestamp,channel\nu1,2026-03-01T00:00:00Z,BAIDU_SEM\nu2,2026-03-01T00:00:00Z,baidu_sem\nu1,2026-03-01T00:00:00Z,weibo\n");

        Assert.Equal(["baidu_sem", "Mystery Channel", "Douyin-Ads", "aardvark", "Email"], result.NewChannels);
        var channels = Queries.Channels();
        Assert.Equal(
            [
                ("aardvark", "unassigned", "Unassigned", 0L, 3m),
                ("Mystery Channel", "unassigned", "Unassigned", 0L, 1m),
                ("baidu_sem", "paid_search", "Paid search", 2L, 13m),
                ("Douyin-Ads", "social_ads", "Social ads", 0L, 2m),
                ("Email", "email_crm", "Email and CRM", 0L, 4m),
                ("weibo", "owned_social", "Owned social", 1L, 0m),
            ],
            channels.Select(c => (c.Name, c.Group, c.GroupLabel, c.Touchpoints, c.Spend)));
        Assert.Equal(channels.Select(c => c.Id).Order(), Query<long>("SELECT id FROM channels ORDER BY id"));
    }

    [Fact]
    public void SetChannelGroup_KnownChannel_MovesItAndAReimportKeepsTheChoice()
    {
        ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-01,Mystery Channel,1\n2026-03-01,baidu_sem,1\n");

        Assert.True(Queries.SetChannelGroup(" mystery channel ", ChannelGroup.Influencer));
        Assert.True(Queries.SetChannelGroup("BAIDU_SEM", ChannelGroup.Unassigned));
        ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-02,Mystery Channel,1\n2026-03-02,baidu_sem,1\n");

        Assert.Equal(
            [("baidu_sem", "unassigned"), ("Mystery Channel", "influencer")],
            Queries.Channels().Select(c => (c.Name, c.Group)));
        Assert.Equal(2, Count("channels"));
    }

    [Fact]
    public void SetChannelGroup_UnknownChannel_IsFalseAndChangesNothing()
    {
        ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-01,search,1\n");

        Assert.False(Queries.SetChannelGroup("nowhere", ChannelGroup.Direct));
        Assert.Equal([("search", "paid_search")], Queries.Channels().Select(c => (c.Name, c.Group)));
    }

    [Fact]
    public void Channels_EmptyStore_IsEmpty()
    {
        Assert.Empty(Queries.Channels());
    }

    [Fact]
    public void SetChannelGroup_NonAsciiNameInAnotherCase_FindsTheChannelTheImporterMatched()
    {
        ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-01,Ärzte Zeitung,1\n");
        var second = ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-02,ÄRZTE ZEITUNG,1\n");
        Assert.Empty(second.NewChannels);

        Assert.True(Queries.SetChannelGroup("ärzte zeitung", ChannelGroup.Content));
        Assert.Equal("content", Assert.Single(Queries.Channels()).Group);
    }

    [Fact]
    public void Batch_StoredBeforeCodes_ReadsBackAsLegacyMessages()
    {
        // A batch as an older version recorded it: a sentence for the message, sentences for warnings, and errors with a reason.
        var id = Scalar<long>(
            """
            INSERT INTO import_batches (kind, source, format, started_at, finished_at, status, rows_read, rows_rejected, message, warnings, errors)
            VALUES ('spend', 'old.csv', 'csv', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:01.000Z', 'rejected', 3, 1,
                    '1 invalid rows: nothing was imported', '["ignored columns not in the contract: note"]',
                    '[{"File":"old.csv","Line":3,"Column":"spend","Value":"x","Reason":"not a number"}]')
            RETURNING id
            """);

        var batch = Queries.Batch(id)!;

        Assert.Equal(Message.Of(StorageCodes.Legacy, ("reason", "1 invalid rows: nothing was imported")), batch.Message);
        Assert.Equal([Message.Of(StorageCodes.Legacy, ("reason", "ignored columns not in the contract: note"))], batch.Warnings);
        Assert.Equal([new RowError("old.csv", 3, "spend", "x", StorageCodes.Legacy, MessageArgs.Of(("reason", "not a number")))], batch.Errors);
    }

    [Fact]
    public void DataVersions_ChangeForTheKindImported_AndNoOther()
    {
        Assert.Empty(Store.DataVersions());
        ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-01,search,1\n");
        var spend = Store.DataVersions();
        Assert.Equal(["spend"], spend.Keys);

        ImportCsv(DataKinds.Touchpoints, "user_id,timestamp,channel\nu1,2026-02-10T23:30:00Z,search\n");
        var touchpoints = Store.DataVersions();
        Assert.Equal(["spend", "touchpoints"], touchpoints.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(spend["spend"], touchpoints["spend"]);

        ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-02,search,1\n");
        var again = Store.DataVersions();
        Assert.NotEqual(touchpoints["spend"], again["spend"]);
        Assert.Equal(touchpoints["touchpoints"], again["touchpoints"]);
        // The history part (the first committed batch's start) stays while the kind's batches are added to.
        Assert.Equal(DataVersionToken.History(spend["spend"]), DataVersionToken.History(again["spend"]));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", DataVersionToken.History(again["spend"]));

        // A rejected import commits nothing, so no version moves.
        Assert.NotEqual(ImportStatus.Committed, ImportCsv(DataKinds.Spend, "date,channel,spend\n2026-03-01,search,x\n").Status);
        Assert.Equal(again, Store.DataVersions());
    }

    [Fact]
    public void Batch_WithCodes_ReadsBackTheCodesAndArguments()
    {
        var result = ImportCsv(DataKinds.Spend, "date,channel,spend,note\n2026-03-01,search,x,hi\n");

        var batch = Queries.Batch(result.BatchId)!;

        Assert.Equal(Message.Of(StorageCodes.RowsInvalid, ("count", 1)), batch.Message);
        Assert.Equal([Message.Of(StorageCodes.IgnoredColumns, ("columns", new[] { "note" }))], batch.Warnings);
        Assert.Equal(result.Errors, batch.Errors);
        Assert.Equal(ImportCodes.NotANumber, Assert.Single(batch.Errors).Code);
    }
}

public sealed class DataCenterQueriesTestsOnSqlite() : DataCenterQueriesTests(StoreProvider.Sqlite);

public sealed class DataCenterQueriesTestsOnPostgres() : DataCenterQueriesTests(StoreProvider.Postgres);
