using System.Globalization;
using System.Text;
using Dapper;
using Mercato.Core.DataCenter;
using Mercato.Core.Measurement;
using Mercato.Storage.Sqlite;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Import;

/// <summary>
/// A large import drops the journey index once it has added <see cref="FactWriter.DeferIndexesAfterRows"/> rows and builds
/// it again before committing; a refused import rolls the drop back. Either way the index is there afterwards and the
/// journeys read through it are complete.
/// </summary>
public class SecondaryIndexTests() : StoreTest(StoreProvider.Sqlite)
{
    private static string Touches(int rows, bool lastRowInvalid = false)
    {
        var csv = new StringBuilder("user_id,timestamp,channel\n");
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < rows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"u{i % 5000},{start.AddMinutes(i):yyyy-MM-dd'T'HH:mm:ss'Z'},ch{i % 3}\n");
        }

        if (lastRowInvalid)
        {
            csv.Append("u1,not-a-time,ch1\n");
        }

        return csv.ToString();
    }

    private string[] Indexes() => Connection()
        .Query<string>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'touchpoints' ORDER BY name").ToArray();

    private Microsoft.Data.Sqlite.SqliteConnection Connection()
    {
        var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + Store.DatabasePath);
        connection.Open();
        return connection;
    }

    [Fact]
    public void LargeImport_RebuildsTheJourneyIndexBeforeCommitting()
    {
        var rows = (int)FactWriter.DeferIndexesAfterRows + 20_000;

        var result = ImportCsv(DataKinds.Touchpoints, Touches(rows));

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal(["touchpoints_journey", "touchpoints_key"], Indexes());
        // Every touch is read back through the index: 5000 users, none converts, one non-converting journey each.
        var paths = new JourneyQueries(Store).Paths(new JourneyQuery());
        Assert.Equal(5000, paths.Paths.Sum(p => p.NonConversions));
        Assert.Equal(rows, paths.Paths.Sum(p => p.Touches.Count * p.NonConversions));
    }

    [Fact]
    public void LargeImportRefused_KeepsTheIndexAndAddsNothing()
    {
        var result = ImportCsv(DataKinds.Touchpoints, Touches((int)FactWriter.DeferIndexesAfterRows + 1000, lastRowInvalid: true));

        Assert.Equal(ImportStatus.Rejected, result.Status);
        Assert.Equal(["touchpoints_journey", "touchpoints_key"], Indexes());
        Assert.Equal(0, Connection().ExecuteScalar<long>("SELECT COUNT(*) FROM touchpoints"));
    }

    [Fact]
    public void Open_BuildsAMissingJourneyIndex()
    {
        using (var connection = Connection())
        {
            connection.Execute("DROP INDEX touchpoints_journey");
        }

        SqliteStore.Open(Store.DataDirectory, Clock);

        Assert.Equal(["touchpoints_journey", "touchpoints_key"], Indexes());
    }
}
