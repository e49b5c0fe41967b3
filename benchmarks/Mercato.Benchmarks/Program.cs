using BenchmarkDotNet.Running;

// The default job unless the command line names one: `-- --filter '*' --job short` for a quick look, `--job dry` to smoke-test.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
