using BenchmarkDotNet.Attributes;
using Mercato.Core.DataCenter;
using Mercato.Storage.Import;

namespace Mercato.Benchmarks;

/// <summary>
/// The CPU part of an import, without a store: validating rows into canonical touchpoints, alone and behind the CSV reader.
/// The difference between the two is the reader's cost; the difference to <see cref="ImportBenchmarks"/> is SQLite's.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(RowsConfig))]
public class ParseBenchmarks
{
    private const int RowCount = 100_000;

    private string?[][] _rows = [];
    private byte[] _csv = [];
    private readonly List<FieldError> _errors = [];

    [GlobalSetup]
    public void Setup()
    {
        _rows = TouchpointsCsv.Rows(RowCount);
        _csv = TouchpointsCsv.Bytes(_rows);
        if (ParseRows() != RowCount || ReadAndParseCsv() != RowCount)
        {
            throw new InvalidOperationException("the generated rows do not all validate: " + string.Join("; ", _errors));
        }
    }

    /// <summary><see cref="DataKinds.Touchpoints"/>.Parse over rows already split into field values.</summary>
    [Benchmark(Baseline = true)]
    [Rows(RowCount)]
    public int ParseRows()
    {
        var kind = DataKinds.Touchpoints;
        var context = ParseContext.Utc;
        var valid = 0;
        foreach (var row in _rows)
        {
            _errors.Clear();
            if (kind.Parse(row, context, _errors) is not null)
            {
                valid++;
            }
        }

        return valid;
    }

    /// <summary>The importer's CSV reader over the same rows in memory, then Parse: everything an import does before SQLite.</summary>
    [Benchmark]
    [Rows(RowCount)]
    public int ReadAndParseCsv()
    {
        var kind = DataKinds.Touchpoints;
        var context = ParseContext.Utc;
        using var reader = RowReaders.Open(new MemoryStream(_csv, writable: false), DataFormat.Csv, kind);
        var values = new string?[kind.Fields.Count];
        var valid = 0;
        while (true)
        {
            _errors.Clear();
            if (!reader.Read(values, out _, _errors))
            {
                return valid;
            }

            if (_errors.Count == 0 && kind.Parse(values, context, _errors) is not null)
            {
                valid++;
            }
        }
    }
}
