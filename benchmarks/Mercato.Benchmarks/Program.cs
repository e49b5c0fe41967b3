using System.Globalization;

using BenchmarkDotNet.Running;
using Mercato.Benchmarks;

// `-- --generate-clicks ROWS FILE` writes the click log of benchmarks/ads-e2e.sh and exits.
if (args is ["--generate-clicks", var rows, var path])
{
    ClicksCsv.Write(long.Parse(rows, CultureInfo.InvariantCulture), path);
    return;
}

// `-- --count-queries` counts the store queries of AccessBenchmarks' requests on PostgreSQL (MERCATO_BENCH_POSTGRES) and exits.
if (args is ["--count-queries"])
{
    await AccessQueryCount.RunAsync(Console.Out);
    return;
}

// `-- --interleaved [ROUNDS]` times AccessBenchmarks' requests with the three modes' apps at once, interleaved, and exits.
if (args is ["--interleaved", .. var rest])
{
    await AccessInterleaved.RunAsync(rest is [var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 300, Console.Out);
    return;
}

// The default job unless the command line names one: `-- --filter '*' --job short` for a quick look, `--job dry` to smoke-test.
BenchmarkSwitcher.FromAssembly(typeof(AccessBenchmarks).Assembly).Run(args);
