using System.CommandLine;
using Mercato.Core.DataCenter;
using Mercato.Storage.Import;
using Spectre.Console;
using Words = Mercato.Shared.Words;

namespace Mercato.Features.Imports;

/// <summary>
/// <c>mercato import &lt;kind&gt; &lt;file&gt;...</c>: each file is one atomic import. Exit 0 when every file was imported, 2
/// when any input was invalid (nothing of that file was written), 1 on any other failure.
/// </summary>
internal static class ImportCommand
{
    private const long ProgressBarFrom = 8 * 1024 * 1024;

    public static Command Create()
    {
        var kind = new Argument<string>("kind") { Description = Words.W("imports.import.arg_kind", ("kinds", DataKinds.All.Select(k => k.Name).ToArray())) };
        var files = new Argument<string[]>("file") { Description = Words.W("imports.import.arg_file"), Arity = ArgumentArity.OneOrMore };
        var skipInvalid = new Option<bool>("--skip-invalid")
        {
            Description = Words.W("imports.import.option_skip_invalid"),
        };
        var dryRun = new Option<bool>("--dry-run") { Description = Words.W("imports.import.option_dry_run") };
        var format = CliContext.FormatOption("text", "json");
        var command = new Command("import", Words.W("imports.import.description")) { kind, files, skipInvalid, dryRun, format };
        command.SetAction((result, services, cancellationToken) =>
            RunAsync(result, services.GetRequiredService<ImportUseCases>(), kind, files, skipInvalid, dryRun, format, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult result, ImportUseCases imports, Argument<string> kindArgument, Argument<string[]> filesArgument, Option<bool> skipInvalid,
        Option<bool> dryRun, Option<string> format, CancellationToken cancellationToken)
    {
        var kindName = result.GetValue(kindArgument);
        if (DataKinds.Find(kindName) is not { } kind)
        {
            Console.Error.WriteLine(Words.W("imports.import.unknown_kind", ("kind", kindName), ("kinds", DataKinds.All.Select(k => k.Name).ToArray())));
            return MercatoCli.InvalidInput;
        }

        var json = result.GetValue(format) == "json";
        var results = new List<ImportResult>();
        var exit = MercatoCli.Ok;
        foreach (var file in result.GetValue(filesArgument) ?? [])
        {
            if (!FileFormat.TryFromFileName(file, out var fileFormat))
            {
                Console.Error.WriteLine(Words.W("imports.import.not_a_file", ("file", file)));
                exit = Math.Max(exit, MercatoCli.InvalidInput);
                continue;
            }

            if (!File.Exists(file))
            {
                Console.Error.WriteLine(Messages.Text(ApiCodes.FileNotFound, MessageArgs.Of(("path", file))));
                exit = Math.Max(exit, MercatoCli.Failure);
                continue;
            }

            var request = new ImportRequest(kind, file, fileFormat, () => File.OpenRead(file))
            {
                SkipInvalid = result.GetValue(skipInvalid),
                RejectedPath = file + ".rejected.csv",
                DryRun = result.GetValue(dryRun),
            };
            var imported = await WithProgressAsync(request, new FileInfo(file).Length, json, imports, cancellationToken);
            results.Add(imported);
            if (!json)
            {
                Report(imported, request.DryRun);
            }

            // Invalid input (2) outranks any other failure (1), which outranks success (0).
            exit = Math.Max(exit, imported.Status switch
            {
                ImportStatus.Committed => MercatoCli.Ok,
                ImportStatus.Rejected => MercatoCli.InvalidInput,
                _ => MercatoCli.Failure,
            });
        }

        if (json)
        {
            CliContext.WriteJson(new { imports = results });
        }
        else if (results.Count > 1)
        {
            Console.Out.WriteLine(Words.W(
                "imports.import.total",
                ("read", N(results.Sum(r => r.RowsRead))),
                ("added", N(results.Sum(r => r.Added))),
                ("updated", N(results.Sum(r => r.Updated))),
                ("unchanged", N(results.Sum(r => r.Unchanged))),
                ("rejected", N(results.Sum(r => r.Rejected)))));
        }

        return exit;
    }

    private static async Task<ImportResult> WithProgressAsync(ImportRequest request, long length, bool json, ImportUseCases imports, CancellationToken cancellationToken)
    {
        if (json || length < ProgressBarFrom || Console.IsErrorRedirected)
        {
            return await imports.ImportAsync(request, cancellationToken);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        ImportResult? imported = null;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Path.GetFileName(request.Source), maxValue: length);
                imported = await imports.ImportAsync(request with { Progress = new Progress(task) }, cancellationToken);
                task.Value = length;
            });
        return imported!;
    }

    private static void Report(ImportResult r, bool dryRun)
    {
        var status = r.Status switch
        {
            ImportStatus.Committed when dryRun => Words.W("imports.import.status_dry_run"),
            ImportStatus.Committed => Words.W("imports.import.status_imported", ("batch", r.BatchId)),
            ImportStatus.Rejected => Words.W("imports.import.status_rejected", ("batch", r.BatchId)),
            _ => Words.W("imports.import.status_failed", ("batch", r.BatchId)),
        };
        Console.Out.WriteLine($"{r.Source}: {status}");
        Console.Out.WriteLine("  " + Words.W(
            "imports.import.counts", ("read", N(r.RowsRead)), ("added", N(r.Added)), ("updated", N(r.Updated)), ("unchanged", N(r.Unchanged)), ("rejected", N(r.Rejected))));
        foreach (var warning in r.Warnings)
        {
            Console.Out.WriteLine("  " + Words.W("imports.import.warning", ("warning", Messages.Text(warning))));
        }

        if (r.NewChannels.Count > 0)
        {
            Console.Out.WriteLine("  " + Words.W("imports.import.new_channels", ("channels", string.Join(", ", r.NewChannels))));
        }

        if (r.Message is not null && r.Status != ImportStatus.Committed)
        {
            Console.Error.WriteLine($"{r.Source}: {Messages.Text(r.Message)}");
        }

        foreach (var e in r.Errors)
        {
            Console.Error.WriteLine(Messages.WithPlace(e));
        }

        if (r.Rejected > r.Errors.Count && r.Errors.Count > 0)
        {
            Console.Error.WriteLine(Words.W("imports.import.more_rejected", ("more", N(r.Rejected - r.Errors.Count)), ("shown", (long)r.Errors.Count)));
        }

        if (r.RejectedFile is not null)
        {
            Console.Out.WriteLine("  " + Words.W("imports.import.rejected_written", ("file", r.RejectedFile)));
        }
    }

    /// <summary>A count as the culture writes it (<c>1,234</c>).</summary>
    private static string N(long count) => Figures.Count(count);

    private sealed class Progress(ProgressTask task) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => task.Value = value.BytesRead;
    }
}
