using System.Text;
using Mercato.Core.DataCenter;
using Mercato.Storage.ClickHouse.Tests.Support;
using Mercato.Storage.Import;

namespace Mercato.Storage.ClickHouse.Tests;

/// <summary>
/// The group commit of streamed bodies (<see cref="FactImporter.CommitAsync"/>) on ClickHouse, whose session holds one
/// batch per kind: bodies of one kind go in successive sessions, each with its batch and its own counts, as on the
/// embedded store.
/// </summary>
[Collection("clickhouse")]
public sealed class ClickHouseGroupCommitTests
{
    private static ImportRequest Touchpoints(string source, int from, int count)
    {
        var csv = new StringBuilder("touchpoint_id,user_id,timestamp,channel,type\n");
        for (var i = from; i < from + count; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"t{i},u{i % 7},2025-01-{1 + (i % 28):00}T10:00:00Z,search,click\n");
        }

        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        return new ImportRequest(DataKinds.Touchpoints, source, new FileFormat(DataFormat.Csv, false), () => new MemoryStream(bytes, writable: false));
    }

    private static ImportRequest Spend(string source)
    {
        var bytes = Encoding.UTF8.GetBytes("date,channel,spend\n2025-01-02,search,10.00\n2025-01-03,search,12.50\n");
        return new ImportRequest(DataKinds.Spend, source, new FileFormat(DataFormat.Csv, false), () => new MemoryStream(bytes, writable: false));
    }

    [Theory]
    [InlineData(Layout.Node)]
    [InlineData(Layout.Cluster)]
    public async Task ThreeBodiesOfOneKindAndOneOfAnother_EachHasItsBatchAndItsOwnCounts(Layout layout)
    {
        await using var db = await ClickHouseFixture.CreateAsync(layout);
        Assert.True(db.Facts.Sink.OneBatchPerKind);
        var bodies = new[] { Touchpoints("a", 0, 10), Spend("s"), Touchpoints("b", 5, 10), Touchpoints("c", 0, 10) }
            .Select(r => FactImporter.Read(r, 1_000)!).ToList();

        var results = await FactImporter.CommitAsync(db.Facts.Sink, bodies, default);

        Assert.All(results, r => Assert.Equal(ImportStatus.Committed, r.Status));
        Assert.Equal((10L, 10L, 0L), (results[0].Added, results[0].RowsRead, results[0].Unchanged));
        Assert.Equal((2L, 2L), (results[1].Added, results[1].RowsRead));
        // b comes after a (its first five rows are a's last five), c after b (all ten held).
        Assert.Equal((5L, 5L), (results[2].Added, results[2].Unchanged));
        Assert.Equal((0L, 10L), (results[3].Added, results[3].Unchanged));
        Assert.Equal(4, results.Select(r => r.BatchId).Distinct().Count());
        var held = long.Parse((await db.Facts.Client.QueryAsync("SELECT count() FROM (SELECT key FROM touchpoints GROUP BY key)", default)).Single()[0]!,
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(15, held);
    }
}
