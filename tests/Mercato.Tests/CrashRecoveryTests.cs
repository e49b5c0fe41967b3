using System.Globalization;
using System.Text;
using Mercato.Storage.Import;

namespace Mercato.Tests;

public class CrashRecoveryTests
{
    [Fact]
    public async Task Import_KilledMidway_LeavesStoreAsBefore_AndRerunEqualsOneCleanImport()
    {
        using var dir = new TempDir();
        using var clean = new TempDir();
        var csv = new StringBuilder("touchpoint_id,user_id,timestamp,channel,campaign,type,referral_code\n");
        for (var i = 0; i < 30_000; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"tp-{i},u{i % 977},2026-0{1 + i % 9}-1{i % 10}T0{i % 10}:00:00Z,ch{i % 7},,click,\n");
        }

        var file = dir.File("tp.csv", csv.ToString());
        var first = dir.File("first.csv", "touchpoint_id,user_id,timestamp,channel\nseed-1,u0,2026-01-01T00:00:00Z,search\n");
        Assert.Equal(0, (await Cli.RunAsync("import", "touchpoints", first, "--data-dir", dir.Path)).ExitCode);
        var before = CliTests.Fingerprint(dir.Path, "touchpoints");

        // The child stops after 20,000 rows, in the middle of its transaction, and is killed there.
        using (var child = Cli.Start(["import", "touchpoints", file, "--data-dir", dir.Path],
                   new Dictionary<string, string> { [FactImporter.PauseAfterRowsVariable] = "20000" }))
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            string? line;
            do
            {
                line = await child.StandardError.ReadLineAsync(timeout.Token);
            }
            while (line is not null && !line.StartsWith("mercato-test: paused after 20000 rows", StringComparison.Ordinal));

            Assert.NotNull(line);
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync(timeout.Token);
        }

        Assert.Equal(before, CliTests.Fingerprint(dir.Path, "touchpoints"));
        var batches = await Cli.RunAsync("batches", "--format", "json", "--data-dir", dir.Path);
        Assert.Contains("\"status\": \"interrupted\"", batches.Stdout, StringComparison.Ordinal);

        var rerun = await Cli.RunAsync("import", "touchpoints", file, "--data-dir", dir.Path);
        Assert.Equal(0, rerun.ExitCode);
        Assert.Contains("added 30,000", rerun.Stdout, StringComparison.Ordinal);

        Assert.Equal(0, (await Cli.RunAsync("import", "touchpoints", first, "--data-dir", clean.Path)).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("import", "touchpoints", file, "--data-dir", clean.Path)).ExitCode);
        Assert.Equal(CliTests.Fingerprint(clean.Path, "touchpoints"), CliTests.Fingerprint(dir.Path, "touchpoints"));
        const string channels = "SELECT id, name, grp FROM channels ORDER BY id";
        Assert.Equal(CliTests.Rows(clean.Path, channels), CliTests.Rows(dir.Path, channels));
    }
}
