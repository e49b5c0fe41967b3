using BenchmarkDotNet.Attributes;
using Mercato.Core.DataCenter;
using Mercato.Storage.Import;
using Mercato.Storage.Relational;

namespace Mercato.Benchmarks;

/// <summary>
/// The whole pipeline on a 100k-row touchpoints CSV file: into a store that has never seen it (every row added), and again
/// into a store that already holds it (the dedupe path: every row read, parsed, looked up and left unchanged). The store is
/// the embedded one unless <see cref="BenchStores.StoreVariable"/> says <c>postgres</c>.
/// </summary>
/// <remarks>
/// One invocation per iteration: each import is long (hundreds of milliseconds) and the fresh-store case needs a new store
/// before every invocation, which [IterationSetup] only guarantees with one invocation per iteration.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(RowsConfig))]
[InvocationCount(1)]
public class ImportBenchmarks
{
    private const int RowCount = 100_000;

    private string _directory = string.Empty;
    private string _file = string.Empty;
    private long _distinctRows;
    private RelationalStore? _loaded;
    private RelationalStore? _fresh;
    private int _iteration;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "mercato-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _file = Path.Combine(_directory, "touchpoints.csv");
        var rows = TouchpointsCsv.Rows(RowCount);
        File.WriteAllBytes(_file, TouchpointsCsv.Bytes(rows));
        _distinctRows = rows.Distinct().LongCount();

        _loaded = BenchStores.OpenFresh(Path.Combine(_directory, "loaded"));
        var first = Import(_loaded);
        if (first.Status != ImportStatus.Committed || first.Added != _distinctRows)
        {
            throw new InvalidOperationException($"the first import did not add every distinct row: {first.Status}, {first.Added} added, {first.Message}");
        }
    }

    [IterationSetup(Target = nameof(ImportIntoFreshStore))]
    public void OpenFreshStore() => _fresh = BenchStores.OpenFresh(Path.Combine(_directory, "fresh-" + _iteration++.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    [IterationCleanup(Target = nameof(ImportIntoFreshStore))]
    public void DeleteFreshStore()
    {
        if (_fresh is not null)
        {
            BenchStores.Delete(_fresh);
            _fresh = null;
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_loaded is not null)
        {
            BenchStores.Delete(_loaded);
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>Every row new: parse, validate, insert, commit with a full fsync.</summary>
    [Benchmark(Baseline = true)]
    [Rows(RowCount)]
    public long ImportIntoFreshStore()
    {
        var result = Import(_fresh!);
        return result.Status == ImportStatus.Committed && result.Added == _distinctRows
            ? result.Added
            : throw new InvalidOperationException($"fresh import: {result.Status}, {result.Added} added, {result.Message}");
    }

    /// <summary>Every row already present: the re-import adds nothing and updates nothing.</summary>
    [Benchmark]
    [Rows(RowCount)]
    public long ReimportIntoLoadedStore()
    {
        var result = Import(_loaded!);
        return result.Status == ImportStatus.Committed && result.Added == 0 && result.Updated == 0
            ? result.Unchanged
            : throw new InvalidOperationException($"re-import: {result.Status}, {result.Added} added, {result.Updated} updated, {result.Message}");
    }

    private ImportResult Import(RelationalStore store) => new FactImporter(store.Sink).ImportAsync(Request()).GetAwaiter().GetResult();

    private ImportRequest Request() =>
        new(DataKinds.Touchpoints, _file, new FileFormat(DataFormat.Csv, false), () => File.OpenRead(_file));
}
