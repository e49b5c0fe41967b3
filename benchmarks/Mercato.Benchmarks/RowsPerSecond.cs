using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Mercato.Benchmarks;

/// <summary>How many rows one invocation of the benchmark method handles; the Rows/s column divides by its mean.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RowsAttribute(int count) : Attribute
{
    public int Count { get; } = count;
}

/// <summary>Adds the Rows/s column to a suite.</summary>
public sealed class RowsConfig : ManualConfig
{
    public RowsConfig() => AddColumn(new RowsPerSecondColumn());
}

/// <summary>Throughput: the method's <see cref="RowsAttribute"/> count over its mean time per invocation.</summary>
internal sealed class RowsPerSecondColumn : IColumn
{
    public string Id => nameof(RowsPerSecondColumn);

    public string ColumnName => "Rows/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Rows handled per second: the method's row count over its mean time";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var rows = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<RowsAttribute>()?.Count;
        var meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (rows is null || meanNanoseconds is not > 0)
        {
            return "-";
        }

        return (rows.Value / (meanNanoseconds.Value / 1e9)).ToString("N0", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;
}
