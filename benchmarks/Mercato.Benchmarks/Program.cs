using System.Globalization;

using BenchmarkDotNet.Running;
using Mercato.Benchmarks;

// `-- --generate-clicks ROWS FILE` writes the click log of benchmarks/ads-e2e.sh and exits.
if (args is ["--generate-clicks", var rows, var path])
{
    ClicksCsv.Write(long.Parse(rows, CultureInfo.InvariantCulture), path);
    return;
}

// The default job unless the command line names one: `-- --filter '*' --job short` for a quick look, `--job dry` to smoke-test.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
