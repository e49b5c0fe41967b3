using Dapper;
using Mercato.Core.DataCenter;
using Mercato.Core.Influencers;
using Mercato.Storage.Import;
using Mercato.Storage.Postgres;
using Mercato.Storage.Sqlite;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Influencers;

/// <summary>
/// The influencer kinds on each store: their contracts through the real import, identity and re-import, row errors, the
/// read port (<see cref="IInfluencerFactStore"/>) against exact answers, and the migration that adds their tables.
/// </summary>
public abstract class InfluencerStoreTests(StoreProvider provider) : KindImportTest(provider)
{
    private const string SnapshotHeader = "date,influencer,followers,following,posts,avg_views,avg_likes,avg_comments,avg_shares";
    private const string PostHeader = "post_id,influencer,timestamp,campaign,views,likes,comments,shares,saves";
    private const string FollowerHeader =
        "influencer,sampled_at,follower_id,followers,following,posts,has_profile_picture,is_private,username,bio_length,account_age_days";

    private const string Snapshots = SnapshotHeader + """

        2026-03-01,Kol-Wang,120000,300,410,15000.5,900.25,40,12.12345
        2026-03-02,kol-wang,121000,301,412,,,,
        2026-03-01,kol-li,5000,50,20,,,,
        2026-03-05,KOL-LI,5100,51,22,300,30,3,0.5
        2026-03-10,kol-zhao,800,8,2,,,,
        """;

    private const string Posts = PostHeader + """

        p1,kol-wang,2026-03-01T10:00:00Z,spring,10000,500,20,5,30
        p2,KOL-Wang,2026-03-02T10:00:00+08:00,,,300,10,2,
        p3,kol-wang,2026-03-03T00:00:00Z,spring,5000,100,5,1,
        p0,kol-wang,2026-03-02T02:00:00Z,,2000,50,1,0,4
        p4,kol-li,2026-03-01T12:00:00Z,,800,40,4,4,
        p5,kol-li,2026-03-05T00:00:00Z,,,10,1,0,
        """;

    private const string Followers = FollowerHeader + """

        kol-wang,2026-03-01,f2,10,2000,0,false,0,,,
        KOL-WANG,2026-03-01,f1,500,300,42,true,no,alice,120,900
        kol-wang,2026-03-01,F3,0,0,0,No,Yes,bot_3,0,1
        kol-wang,2026-02-01,f1,480,290,40,1,FALSE,alice,118,870
        kol-li,2026-03-02,f9,1,1,1,yes,true,,,
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IInfluencerFactStore Influencers => Store.Inner.Influencers;

    private static DateTimeOffset T(int month, int day, int hour = 0) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);

    private static DateOnly D(int month, int day) => new(2026, month, day);

    private List<string> StoredSnapshots() =>
        Rows("SELECT day, influencer, followers, following, posts, avg_views, avg_likes, avg_comments, avg_shares, batch_id FROM influencer_snapshots ORDER BY influencer, day");

    private List<string> StoredPosts() =>
        Rows("SELECT post_id, influencer, ts, campaign, views, likes, comments, shares, saves, batch_id FROM influencer_posts ORDER BY post_id");

    private List<string> StoredFollowers() =>
        Rows($"""
            SELECT influencer, day, follower_id, followers, following, posts, has_profile_picture, is_private, username, bio_length, account_age_days, batch_id
            FROM influencer_followers ORDER BY influencer, day, {Store.Inner.Dialect.Bytewise("follower_id")}
            """);

    [Fact]
    public void Kinds_AreListed_AndFoundByName()
    {
        Assert.Equal(["influencer_snapshots", "influencer_posts", "influencer_followers"], DataKinds.All.TakeLast(3).Select(k => k.Name));
        Assert.Same(DataKinds.InfluencerPosts, DataKinds.Find(" Influencer_Posts "));
    }

    [Fact]
    public void ImportSnapshots_StoresEachValue_IdsLowerCased_AveragesInTenThousandths()
    {
        var result = ImportCsv(DataKinds.InfluencerSnapshots, Snapshots);

        Assert.Equal((ImportStatus.Committed, 5L, 5L, 0L), (result.Status, result.RowsRead, result.Added, result.Rejected));
        var b = result.BatchId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            [
                "2026-03-01|kol-li|5000|50|20|∅|∅|∅|∅|" + b,
                "2026-03-05|kol-li|5100|51|22|3000000|300000|30000|5000|" + b,
                "2026-03-01|kol-wang|120000|300|410|150005000|9002500|400000|121235|" + b,
                "2026-03-02|kol-wang|121000|301|412|∅|∅|∅|∅|" + b,
                "2026-03-10|kol-zhao|800|8|2|∅|∅|∅|∅|" + b,
            ],
            StoredSnapshots());
    }

    [Fact]
    public void ImportPosts_StoresEachValue_InstantsInUtcMilliseconds()
    {
        var result = ImportCsv(DataKinds.InfluencerPosts, Posts);

        Assert.Equal((ImportStatus.Committed, 6L, 6L), (result.Status, result.RowsRead, result.Added));
        var b = result.BatchId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            [
                $"p0|kol-wang|{Ms(2026, 3, 2, 2)}|∅|2000|50|1|0|4|{b}",
                $"p1|kol-wang|{Ms(2026, 3, 1, 10)}|spring|10000|500|20|5|30|{b}",
                $"p2|kol-wang|{Ms(2026, 3, 2, 2)}|∅|∅|300|10|2|∅|{b}",
                $"p3|kol-wang|{Ms(2026, 3, 3)}|spring|5000|100|5|1|∅|{b}",
                $"p4|kol-li|{Ms(2026, 3, 1, 12)}|∅|800|40|4|4|∅|{b}",
                $"p5|kol-li|{Ms(2026, 3, 5)}|∅|∅|10|1|0|∅|{b}",
            ],
            StoredPosts());
    }

    [Fact]
    public void ImportFollowers_StoresEachValue_FlagsAsOneAndZero_FollowerIdsAsGiven()
    {
        var result = ImportCsv(DataKinds.InfluencerFollowers, Followers);

        Assert.Equal((ImportStatus.Committed, 5L, 5L), (result.Status, result.RowsRead, result.Added));
        var b = result.BatchId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            [
                $"kol-li|2026-03-02|f9|1|1|1|1|1|∅|∅|∅|{b}",
                $"kol-wang|2026-02-01|f1|480|290|40|1|0|alice|118|870|{b}",
                $"kol-wang|2026-03-01|F3|0|0|0|0|1|bot_3|0|1|{b}",
                $"kol-wang|2026-03-01|f1|500|300|42|1|0|alice|120|900|{b}",
                $"kol-wang|2026-03-01|f2|10|2000|0|0|0|∅|∅|∅|{b}",
            ],
            StoredFollowers());
    }

    [Fact]
    public void ImportAgain_EachKind_ChangesNothing()
    {
        var firsts = new[] { ImportCsv(DataKinds.InfluencerSnapshots, Snapshots), ImportCsv(DataKinds.InfluencerPosts, Posts), ImportCsv(DataKinds.InfluencerFollowers, Followers) };
        var before = (StoredSnapshots(), StoredPosts(), StoredFollowers());

        var agains = new[] { ImportCsv(DataKinds.InfluencerSnapshots, Snapshots), ImportCsv(DataKinds.InfluencerPosts, Posts), ImportCsv(DataKinds.InfluencerFollowers, Followers) };

        Assert.Equal([(5L, 0L, 0L), (6L, 0L, 0L), (5L, 0L, 0L)], firsts.Select(r => (r.Added, r.Updated, r.Unchanged)));
        Assert.Equal([(0L, 0L, 5L), (0L, 0L, 6L), (0L, 0L, 5L)], agains.Select(r => (r.Added, r.Updated, r.Unchanged)));
        Assert.Equal(before.Item1, StoredSnapshots());
        Assert.Equal(before.Item2, StoredPosts());
        Assert.Equal(before.Item3, StoredFollowers());
    }

    [Fact]
    public void ImportAgain_IdsInAnotherCase_AreTheSameRows()
    {
        ImportCsv(DataKinds.InfluencerSnapshots, SnapshotHeader + "\n2026-03-01,kol-wang,1,1,1,,,,\n");
        ImportCsv(DataKinds.InfluencerFollowers, FollowerHeader + "\nkol-wang,2026-03-01,f1,1,1,1,1,0,,,\n");

        var snapshots = ImportCsv(DataKinds.InfluencerSnapshots, SnapshotHeader + "\n2026-03-01,KOL-WANG,1,1,1,,,,\n");
        var followers = ImportJsonl(DataKinds.InfluencerFollowers,
            """{"influencer":"Kol-Wang","sampled_at":"2026-03-01","follower_id":"f1","followers":1,"following":1,"posts":1,"has_profile_picture":true,"is_private":false}""");

        Assert.Equal((0L, 0L, 1L), (snapshots.Added, snapshots.Updated, snapshots.Unchanged));
        Assert.Equal((0L, 0L, 1L), (followers.Added, followers.Updated, followers.Unchanged));
        Assert.Equal((1L, 1L), (Count("influencer_snapshots"), Count("influencer_followers")));
    }

    [Fact]
    public void ImportPost_ALaterExportWithNewCounts_UpdatesThePost()
    {
        ImportCsv(DataKinds.InfluencerPosts, PostHeader + "\np1,kol-wang,2026-03-01T10:00:00Z,spring,10000,500,20,5,30\n");

        var later = ImportCsv(DataKinds.InfluencerPosts, PostHeader + "\np1,kol-wang,2026-03-01T10:00:00Z,spring,12000,640,25,9,31\n");

        Assert.Equal((0L, 1L, 0L), (later.Added, later.Updated, later.Unchanged));
        Assert.Equal([(12000L, 640L, 25L, 9L, 31L)], Query<(long, long, long, long, long)>("SELECT views, likes, comments, shares, saves FROM influencer_posts"));
    }

    [Fact]
    public void Import_NegativeFollowers_IsReportedWithLineColumnAndCode_AndNothingIsSaved()
    {
        ImportCsv(DataKinds.InfluencerSnapshots, Snapshots);
        var before = StoredSnapshots();

        var result = ImportCsv(DataKinds.InfluencerSnapshots, SnapshotHeader + "\n2026-03-20,kol-new,10,1,1,,,,\n2026-03-21,kol-new,-10,1,1,,,,\n");

        Assert.Equal(ImportStatus.Rejected, result.Status);
        var error = Assert.Single(result.Errors);
        Assert.Equal((3L, "followers", "-10", CommonCodes.Negative), (error.Line, error.Column, error.Value, error.Code));
        Assert.Equal(before, StoredSnapshots());
    }

    [Fact]
    public void Import_BadBoolean_IsReportedWithTheWordsItTakes_AndNothingIsSaved()
    {
        var result = ImportCsv(DataKinds.InfluencerFollowers, FollowerHeader + "\nkol-wang,2026-03-01,f1,1,1,1,true,0,,,\nkol-wang,2026-03-01,f2,1,1,1,true,maybe,,,\n");

        Assert.Equal(ImportStatus.Rejected, result.Status);
        var error = Assert.Single(result.Errors);
        Assert.Equal((3L, "is_private", "maybe"), (error.Line, error.Column, error.Value));
        AssertReason("not_one_of|value=maybe|expected=true, false, 1, 0, yes, no", error);
        Assert.Equal(0, Count("influencer_followers"));
    }

    [Fact]
    public void Import_MissingRequiredColumn_FailsTheFileOnLine1_AndNothingIsSaved()
    {
        var result = ImportCsv(DataKinds.InfluencerPosts, "post_id,influencer,timestamp,comments,shares\np1,kol-wang,2026-03-01T10:00:00Z,1,1\n");

        Assert.Equal(ImportStatus.Rejected, result.Status);
        var error = Assert.Single(result.Errors);
        Assert.Equal((1L, "likes", StorageCodes.RequiredColumnMissing), (error.Line, error.Column, error.Code));
        Assert.Equal(0, Count("influencer_posts"));
    }

    [Fact]
    public void Import_MissingRequiredProperty_InJsonLines_IsAnErrorOfThatRow()
    {
        var result = ImportJsonl(DataKinds.InfluencerPosts, """
            {"post_id":"p1","influencer":"kol-wang","timestamp":"2026-03-01T10:00:00Z","likes":1,"comments":1,"shares":1}
            {"post_id":"p2","influencer":"kol-wang","timestamp":"2026-03-01T11:00:00Z","likes":1,"shares":1}
            """);

        Assert.Equal(ImportStatus.Rejected, result.Status);
        var error = Assert.Single(result.Errors);
        Assert.Equal((2L, "comments", CommonCodes.Required), (error.Line, error.Column, error.Code));
        Assert.Equal(0, Count("influencer_posts"));
    }

    [Theory]
    [InlineData("date", null, "required")]
    [InlineData("date", "2026-02-30", "not_a_date")]
    [InlineData("influencer", null, "required")]
    [InlineData("influencer", "x*201", "text_too_long|max=200")]
    [InlineData("influencer", "kol\u0007", "control_characters")]
    [InlineData("followers", "-1", "negative")]
    [InlineData("followers", "1.5", "not_a_whole_number")]
    [InlineData("following", null, "required")]
    [InlineData("posts", "-3", "negative")]
    [InlineData("avg_views", "-0.5", "negative")]
    [InlineData("avg_likes", "1,5", "not_a_number")]
    [InlineData("avg_comments", "NaN", "not_a_number")]
    [InlineData("avg_shares", "100000000000001", "number_too_large|max=100000000000000")]
    public void ImportSnapshots_InvalidValue_IsRefusedWithLineColumnValueAndReason(string column, string? value, string reason) =>
        AssertRefused(KindSample.InfluencerSnapshots, column, value, reason);

    [Theory]
    [InlineData("post_id", null, "required")]
    [InlineData("influencer", null, "required")]
    [InlineData("timestamp", "2026-03-01T09:30:00", "timestamp_without_offset")]
    [InlineData("campaign", "x*201", "text_too_long|max=200")]
    [InlineData("views", "-1", "negative")]
    [InlineData("likes", null, "required")]
    [InlineData("likes", "-1", "negative")]
    [InlineData("comments", "many", "not_a_whole_number")]
    [InlineData("shares", "-2", "negative")]
    [InlineData("saves", "-4", "negative")]
    public void ImportPosts_InvalidValue_IsRefusedWithLineColumnValueAndReason(string column, string? value, string reason) =>
        AssertRefused(KindSample.InfluencerPosts, column, value, reason);

    [Theory]
    [InlineData("influencer", null, "required")]
    [InlineData("sampled_at", "2026-03-01T00:00:00Z", "not_a_date")]
    [InlineData("follower_id", null, "required")]
    [InlineData("followers", "-1", "negative")]
    [InlineData("following", "-1", "negative")]
    [InlineData("posts", "-1", "negative")]
    [InlineData("has_profile_picture", null, "required")]
    [InlineData("has_profile_picture", "2", "not_one_of|value=2|expected=true, false, 1, 0, yes, no")]
    [InlineData("is_private", "private", "not_one_of|value=private")]
    [InlineData("bio_length", "-1", "negative")]
    [InlineData("bio_length", "2147483648", "number_too_large|max=2147483647")]
    [InlineData("account_age_days", "-1", "negative")]
    [InlineData("username", "x*201", "text_too_long|max=200")]
    public void ImportFollowers_InvalidValue_IsRefusedWithLineColumnValueAndReason(string column, string? value, string reason) =>
        AssertRefused(KindSample.InfluencerFollowers, column, value, reason);

    [Theory]
    [InlineData("avg_views", "0")]
    [InlineData("avg_views", "100000000000000")]
    [InlineData("avg_likes", " 12.123456789 ")]
    [InlineData("followers", "0")]
    public void ImportSnapshots_BorderlineValue_IsAccepted(string column, string? value) => AssertAccepted(KindSample.InfluencerSnapshots, column, value);

    [Theory]
    [InlineData("has_profile_picture", "TRUE")]
    [InlineData("has_profile_picture", "Yes")]
    [InlineData("is_private", " 0 ")]
    [InlineData("is_private", "no")]
    [InlineData("bio_length", "2147483647")]
    [InlineData("username", null)]
    public void ImportFollowers_BorderlineValue_IsAccepted(string column, string? value) => AssertAccepted(KindSample.InfluencerFollowers, column, value);

    [Fact]
    public async Task Snapshots_OfOneInfluencer_IgnoringCase_InclusiveDays_OldestFirst()
    {
        ImportCsv(DataKinds.InfluencerSnapshots, Snapshots);

        var wang = await Influencers.SnapshotsAsync(" KOL-WANG ", D(3, 1), D(3, 2), Ct);

        Assert.Equal(
            [
                new InfluencerSnapshotFact(D(3, 1), "kol-wang", 120_000, 300, 410, 15000.5, 900.25, 40, 12.1235),
                new InfluencerSnapshotFact(D(3, 2), "kol-wang", 121_000, 301, 412),
            ],
            wang);
        Assert.Equal([D(3, 2)], (await Influencers.SnapshotsAsync("kol-wang", D(3, 2), D(3, 2), Ct)).Select(s => s.Date));
        Assert.Empty(await Influencers.SnapshotsAsync("kol-wang", D(3, 3), D(3, 31), Ct));
        Assert.Empty(await Influencers.SnapshotsAsync("kol-nobody", D(1, 1), D(12, 31), Ct));
    }

    [Fact]
    public async Task LatestSnapshots_AreEachInfluencersLastDayOnOrBeforeTheDay_ById()
    {
        ImportCsv(DataKinds.InfluencerSnapshots, Snapshots);

        var march4 = await Influencers.LatestSnapshotsAsync(D(3, 4), Ct);
        var march5 = await Influencers.LatestSnapshotsAsync(D(3, 5), Ct);
        var later = await Influencers.LatestSnapshotsAsync(D(12, 31), Ct);

        Assert.Equal(
            [
                new InfluencerSnapshotFact(D(3, 1), "kol-li", 5000, 50, 20),
                new InfluencerSnapshotFact(D(3, 2), "kol-wang", 121_000, 301, 412),
            ],
            march4);
        Assert.Equal(
            [
                new InfluencerSnapshotFact(D(3, 5), "kol-li", 5100, 51, 22, 300, 30, 3, 0.5),
                new InfluencerSnapshotFact(D(3, 2), "kol-wang", 121_000, 301, 412),
            ],
            march5);
        Assert.Equal([("kol-li", D(3, 5)), ("kol-wang", D(3, 2)), ("kol-zhao", D(3, 10))], later.Select(s => (s.Influencer, s.Date)));
        Assert.Empty(await Influencers.LatestSnapshotsAsync(D(2, 28), Ct));
    }

    [Fact]
    public async Task Posts_OfOneInfluencer_IgnoringCase_HalfOpen_InTimeOrder_TiesByPostId()
    {
        ImportCsv(DataKinds.InfluencerPosts, Posts);

        var posts = await Influencers.PostsAsync("Kol-Wang", T(3, 1), T(3, 3), Ct);

        Assert.Equal(
            [
                new InfluencerPostFact("p1", "kol-wang", T(3, 1, 10), "spring", 10_000, 500, 20, 5, 30),
                new InfluencerPostFact("p0", "kol-wang", T(3, 2, 2), null, 2000, 50, 1, 0, 4),
                new InfluencerPostFact("p2", "kol-wang", T(3, 2, 2), null, null, 300, 10, 2),
            ],
            posts);
        Assert.All(posts, p => Assert.Equal(TimeSpan.Zero, p.Timestamp.Offset));
        Assert.Equal(["p3"], (await Influencers.PostsAsync("kol-wang", T(3, 3), T(3, 3).AddMilliseconds(1), Ct)).Select(p => p.PostId));
        Assert.Empty(await Influencers.PostsAsync("kol-li", T(3, 2), T(3, 5), Ct));
    }

    [Fact]
    public async Task PostTotals_AreSummedPerInfluencer_ViewsOnlyOfPostsThatReportThem_ById()
    {
        ImportCsv(DataKinds.InfluencerPosts, Posts);

        var firstDays = await Influencers.PostTotalsAsync(T(3, 1), T(3, 4), Ct);
        var fifth = await Influencers.PostTotalsAsync(T(3, 5), T(3, 6), Ct);

        Assert.Equal(
            [
                new InfluencerPostTotals("kol-li", 1, 800, 1, 40, 4, 4),
                new InfluencerPostTotals("kol-wang", 4, 17_000, 3, 950, 36, 8),
            ],
            firstDays);
        Assert.Equal([new InfluencerPostTotals("kol-li", 1, 0, 0, 10, 1, 0)], fifth);
        Assert.Empty(await Influencers.PostTotalsAsync(T(4, 1), T(5, 1), Ct));
    }

    [Fact]
    public async Task LatestPost_IsTheNewestPostOfAnyInfluencer_OrNoneOnAnEmptyStore()
    {
        Assert.Null(await Influencers.LatestPostAsync(Ct));
        ImportCsv(DataKinds.InfluencerPosts, Posts);

        Assert.Equal(new DateTimeOffset(2026, 3, 5, 0, 0, 0, TimeSpan.Zero), await Influencers.LatestPostAsync(Ct));
    }

    [Fact]
    public async Task SampleDays_AreNewestFirst_IgnoringCase()
    {
        ImportCsv(DataKinds.InfluencerFollowers, Followers);

        Assert.Equal([D(3, 1), D(2, 1)], await Influencers.SampleDaysAsync("Kol-Wang", Ct));
        Assert.Equal([D(3, 2)], await Influencers.SampleDaysAsync("KOL-LI", Ct));
        Assert.Empty(await Influencers.SampleDaysAsync("kol-zhao", Ct));
    }

    [Fact]
    public async Task FollowerSample_IsTheDaysFollowers_ByFollowerIdOrdinal()
    {
        ImportCsv(DataKinds.InfluencerFollowers, Followers);

        var sample = await Influencers.FollowerSampleAsync("KOL-wang", D(3, 1), Ct);

        Assert.Equal(
            [
                new FollowerProfile("F3", 0, 0, 0, false, true, "bot_3", 0, 1),
                new FollowerProfile("f1", 500, 300, 42, true, false, "alice", 120, 900),
                new FollowerProfile("f2", 10, 2000, 0, false, false),
            ],
            sample);
        Assert.Equal([new FollowerProfile("f1", 480, 290, 40, true, false, "alice", 118, 870)], await Influencers.FollowerSampleAsync("kol-wang", D(2, 1), Ct));
        Assert.Empty(await Influencers.FollowerSampleAsync("kol-wang", D(3, 2), Ct));
    }

    [Fact]
    public void Sources_GiveEachInfluencerKindsRowsAndFirstAndLastDay()
    {
        ImportCsv(DataKinds.InfluencerSnapshots, Snapshots);
        ImportCsv(DataKinds.InfluencerPosts, Posts);
        ImportCsv(DataKinds.InfluencerFollowers, Followers);

        var kinds = Queries.Sources().Kinds.Where(k => k.Kind.StartsWith("influencer_", StringComparison.Ordinal));

        Assert.Equal(
            [
                new KindSummary("influencer_snapshots", 5, "2026-03-01", "2026-03-10", "2026-04-01T08:00:00.000Z"),
                new KindSummary("influencer_posts", 6, "2026-03-01", "2026-03-05", "2026-04-01T08:00:00.000Z"),
                new KindSummary("influencer_followers", 5, "2026-02-01", "2026-03-02", "2026-04-01T08:00:00.000Z"),
            ],
            kinds);
    }

    [Fact]
    public async Task Migration_FromTheSchemaBefore_KeepsTheData_AndAddsTheInfluencerTables()
    {
        const string spend = "date,channel,campaign,spend,impressions,clicks\n2026-03-01,search,spring,12.5,1000,40\n";
        if (Provider == StoreProvider.Sqlite)
        {
            await MigrateSqliteFrom13(spend);
        }
        else
        {
            await MigratePostgresFrom5(spend);
        }
    }

    /// <summary>A store of schema 13 holding spend opens at 14: its spend stays, and the three influencer kinds import.</summary>
    private async Task MigrateSqliteFrom13(string spend)
    {
        var dir = Dir.File("v13");
        Directory.CreateDirectory(dir);
        var fact = new SpendFact(new DateOnly(2026, 3, 1), "search", "spring", 12.5m, 1000, 40);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + Path.Combine(dir, SqliteStore.DatabaseFileName)))
        {
            connection.Open();
            for (var i = 0; i < 13; i++)
            {
                connection.Execute(Schema.Migrations[i]);
            }

            connection.Execute("PRAGMA user_version = 13");
            connection.Execute("INSERT INTO channels (id, name, grp, created_at) VALUES (1, 'search', 'paid_search', '2026-01-01T00:00:00.000Z')");
            connection.Execute("INSERT INTO import_batches (id, kind, source, format, started_at, finished_at, status) "
                + "VALUES (1, 'spend', 'old.csv', 'csv', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:01.000Z', 'committed')");
            connection.Execute("INSERT INTO spend (key, day, channel_id, campaign, spend, impressions, clicks, batch_id) VALUES (@key, '2026-03-01', 1, 'spring', 125000, 1000, 40, 1)",
                new { key = fact.Key });
            Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'influencer%'"));
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var store = SqliteStore.Open(dir, Clock);
        await using (store)
        {
            var again = await ImportInto(store, DataKinds.Spend, spend);
            var imported = new[]
            {
                await ImportInto(store, DataKinds.InfluencerSnapshots, Snapshots), await ImportInto(store, DataKinds.InfluencerPosts, Posts),
                await ImportInto(store, DataKinds.InfluencerFollowers, Followers),
            };

            using var check = store.OpenConnection();
            Assert.Equal(15, Schema.Migrations.Count);
            Assert.Equal(15L, check.ExecuteScalar<long>("PRAGMA user_version"));
            Assert.Equal((ImportStatus.Committed, 0L, 0L, 1L), (again.Status, again.Added, again.Updated, again.Unchanged));
            Assert.Equal(("2026-03-01", 125_000L, 1L), check.QuerySingle<(string, long, long)>("SELECT day, spend, batch_id FROM spend"));
            Assert.Equal([5L, 6L, 5L], imported.Select(r => r.Added));
            Assert.Equal(
                ["influencer_followers_sample", "influencer_posts_ts", "influencer_snapshots_day"],
                check.Query<string>("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'influencer%' AND name NOT LIKE '%_key' ORDER BY name"));
            Assert.Equal(new InfluencerPostTotals("kol-li", 2, 800, 1, 50, 5, 4), (await store.Influencers.PostTotalsAsync(T(1, 1), T(12, 1), Ct))[0]);
        }
    }

    /// <summary>A schema at version 5 (no influencer tables) holding spend opens at 6: its spend stays, and the influencer kinds import.</summary>
    private async Task MigratePostgresFrom5(string spend)
    {
        Assert.Equal(1, ImportCsv(DataKinds.Spend, spend).Added);
        Execute("DROP TABLE influencer_snapshots; DROP TABLE influencer_posts; DROP TABLE influencer_followers");
        Execute("DROP TABLE audit_log; DROP FUNCTION audit_log_append_only()");
        Execute("DELETE FROM mercato_schema WHERE version >= 6");

        await using var migrated = await PostgresStore.OpenAsync(Store.PostgresConnection!, Clock);
        var again = await ImportInto(migrated, DataKinds.Spend, spend);
        var imported = new[]
        {
            await ImportInto(migrated, DataKinds.InfluencerSnapshots, Snapshots), await ImportInto(migrated, DataKinds.InfluencerPosts, Posts),
            await ImportInto(migrated, DataKinds.InfluencerFollowers, Followers),
        };

        Assert.Equal(7, PostgresSchema.Migrations.Count);
        Assert.Equal(7L, Scalar<long>("SELECT MAX(version) FROM mercato_schema"));
        Assert.Equal((ImportStatus.Committed, 0L, 0L, 1L), (again.Status, again.Added, again.Updated, again.Unchanged));
        Assert.Equal(1, Count("spend"));
        Assert.Equal([5L, 6L, 5L], imported.Select(r => r.Added));
        Assert.Equal(
            ["influencer_followers_sample", "influencer_posts_ts", "influencer_snapshots_day"],
            Query<string>("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND indexname LIKE 'influencer%' AND indexname NOT LIKE '%_pkey' ORDER BY indexname"));
        Assert.Equal(new InfluencerPostTotals("kol-li", 2, 800, 1, 50, 5, 4), (await migrated.Influencers.PostTotalsAsync(T(1, 1), T(12, 1), Ct))[0]);
    }

    private static Task<ImportResult> ImportInto(IMercatoStore store, DataKind kind, string csv)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(csv);
        return new FactImporter(store.Sink).ImportAsync(
            new ImportRequest(kind, "file.csv", new FileFormat(DataFormat.Csv, false), () => new MemoryStream(bytes)) { Context = ParseContext.Utc }, Ct);
    }
}

public sealed class InfluencerStoreTestsOnSqlite() : InfluencerStoreTests(StoreProvider.Sqlite);

public sealed class InfluencerStoreTestsOnPostgres() : InfluencerStoreTests(StoreProvider.Postgres);
