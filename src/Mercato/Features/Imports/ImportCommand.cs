using System.CommandLine;
using Mercato.Core.DataCenter;
using Mercato.Storage.Import;
using Spectre.Console;

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
        var kind = new Argument<string>("kind") { Description = "The data kind: " + string.Join(", ", DataKinds.All.Select(k => k.Name)) };
        var files = new Argument<string[]>("file") { Description = ".csv or .jsonl files, optionally .gz", Arity = ArgumentArity.OneOrMore };
        var skipInvalid = new Option<bool>("--skip-invalid")
        {
            Description = "Import the valid rows and write the rejected ones, with reasons, to FILE.rejected.csv",
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate and count, write nothing" };
        var format = CliContext.FormatOption("text", "json");
        var command = new Command("import", "Import CSV or JSON Lines files of one data kind") { kind, files, skipInvalid, dryRun, format };
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
            Console.Error.WriteLine($"unknown data kind '{kindName}'; use one of: {string.Join(", ", DataKinds.All.Select(k => k.Name))}");
            return MercatoCli.InvalidInput;
        }

        var json = result.GetValue(format) == "json";
        var results = new List<ImportResult>();
        var exit = MercatoCli.Ok;
        foreach (var file in result.GetValue(filesArgument) ?? [])
        {
            if (!FileFormat.TryFromFileName(file, out var fileFormat))
            {
                Console.Error.WriteLine($"{file}: not a .csv, .jsonl, .csv.gz or .jsonl.gz file: skipped");
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
            Console.Out.WriteLine(FormattableString.Invariant(
                $"total: {results.Sum(r => r.RowsRead):N0} read, {results.Sum(r => r.Added):N0} added, {results.Sum(r => r.Updated):N0} updated, {results.Sum(r => r.Unchanged):N0} already present, {results.Sum(r => r.Rejected):N0} rejected"));
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
            ImportStatus.Committed when dryRun => "valid (dry run, nothing written)",
            ImportStatus.Committed => FormattableString.Invariant($"imported (batch {r.BatchId})"),
            ImportStatus.Rejected => FormattableString.Invariant($"REJECTED, nothing written (batch {r.BatchId})"),
            _ => FormattableString.Invariant($"FAILED, nothing written (batch {r.BatchId})"),
        };
        Console.Out.WriteLine($"{r.Source}: {status}");
        Console.Out.WriteLine(FormattableString.Invariant(
            $"  rows read {r.RowsRead:N0}, added {r.Added:N0}, updated {r.Updated:N0}, already present {r.Unchanged:N0}, rejected {r.Rejected:N0}"));
        foreach (var warning in r.Warnings)
        {
            Console.Out.WriteLine("  warning: " + Messages.Text(warning));
        }

        if (r.NewChannels.Count > 0)
        {
            Console.Out.WriteLine("  new channels: " + string.Join(", ", r.NewChannels) + " (see `mercato channels`)");
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
            Console.Error.WriteLine(FormattableString.Invariant($"... and {r.Rejected - r.Errors.Count:N0} more rejected rows (first {r.Errors.Count} shown)"));
        }

        if (r.RejectedFile is not null)
        {
            Console.Out.WriteLine($"  rejected rows written to {r.RejectedFile}");
        }
    }

    private sealed class Progress(ProgressTask task) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => task.Value = value.BytesRead;
    }
}
