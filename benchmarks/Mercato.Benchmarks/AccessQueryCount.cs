using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Mercato.Benchmarks;

/// <summary>
/// How many store queries a request makes, per <see cref="AccessMode"/>, counted rather than read from the code: the app
/// runs on PostgreSQL (Npgsql reports every command it executes as an <see cref="Activity"/> of its source <c>Npgsql</c>)
/// and each request of <see cref="AccessBenchmarks"/> is made a few times, counting the commands that ended between sending it and
/// reading its answer whole. The least of the tries is kept (the server's own schedule may query meanwhile). Run with
/// <c>MERCATO_BENCH_POSTGRES</c> set: <c>dotnet run -c Release --project benchmarks/Mercato.Benchmarks -- --count-queries</c>.
/// </summary>
internal static class AccessQueryCount
{
    private const int Tries = 5;

    private static readonly Lock Gate = new();
    private static readonly List<string> Seen = [];

    public static async Task RunAsync(TextWriter output)
    {
        var server = Environment.GetEnvironmentVariable(BenchStores.ConnectionVariable)
            ?? throw new InvalidOperationException(BenchStores.ConnectionVariable + " is not set: the count needs a PostgreSQL server");
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE SCHEMA IF NOT EXISTS bench_access_small", admin);
            await create.ExecuteNonQueryAsync();
        }

        var connection = new NpgsqlConnectionStringBuilder(server) { SearchPath = "bench_access_small" }.ConnectionString;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            // The statement is tagged by the time the command ends.
            ActivityStopped = activity =>
            {
                lock (Gate)
                {
                    Seen.Add(Statement(activity));
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        output.WriteLine("| mode | request | queries | of which document point reads | statements (the least try) |");
        output.WriteLine("|---|---|--:|--:|---|");
        foreach (var mode in Enum.GetValues<AccessMode>())
        {
            await using var app = await AccessApp.StartAsync(mode, connection);
            foreach (var path in AccessApp.Paths)
            {
                await app.GetAsync(path);
                List<string>? least = null;
                for (var i = 0; i < Tries; i++)
                {
                    lock (Gate)
                    {
                        Seen.Clear();
                    }

                    await app.GetAsync(path);
                    lock (Gate)
                    {
                        if (least is null || Seen.Count < least.Count)
                        {
                            least = [.. Seen];
                        }
                    }
                }

                var pointReads = least!.Count(s => s.Contains("FROM documents WHERE collection = @collection AND id = @id", StringComparison.Ordinal)
                    || s.Contains("FROM documents WHERE collection = $1 AND id = $2", StringComparison.Ordinal));
                var summary = string.Join("; ", least!.GroupBy(Shorten).Select(g => g.Count().ToString(CultureInfo.InvariantCulture) + "× " + g.Key));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {mode} | {path} | {least!.Count} | {pointReads} | {summary} |"));
            }
        }
    }

    private static string Statement(Activity activity) =>
        activity.GetTagItem("db.query.text") as string ?? activity.GetTagItem("db.statement") as string ?? activity.DisplayName;

    private static string Shorten(string sql)
    {
        var flat = string.Join(' ', sql.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= 90 ? flat : flat[..90] + "...";
    }
}
