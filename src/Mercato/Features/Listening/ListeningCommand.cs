using System.CommandLine;
using System.Text.Json;
using Mercato.Core.Listening;

namespace Mercato.Features.Listening;

/// <summary><c>mercato listening</c>: public opinion.</summary>
internal static class ListeningCommand
{
    public static Command Create()
    {
        var command = new Command("listening", "Public opinion: mentions, sentiment, watched terms, share of voice and spikes") { Score(), Watch() };
        foreach (var sub in MentionsCommand.Create())
        {
            command.Subcommands.Add(sub);
        }

        return command;
    }

    private static Command Score()
    {
        var lang = new Option<string>("--lang")
        {
            Description = "The texts' language: en (VADER), zh (Mercato's lexicon and rules over jieba's words), or auto (per text: CJK ideographs ≥ 30% of letters → zh, else Latin letters → en)",
            DefaultValueFactory = _ => "auto",
        };
        lang.AcceptOnlyFromAmong([.. SentimentScoring.Languages]);
        var input = new Option<FileInfo?>("--input") { Description = "A UTF-8 file with one text a line (default: standard input)" };
        var command = new Command(
            "score",
            "Score texts, one a line, and print one JSON object a line in input order: {\"language\",\"score\",\"label\",\"pos\",\"neu\",\"neg\"}. "
            + "English is scored by VADER (score = compound; label positive at ≥ 0.05, negative at ≤ −0.05, else neutral); Chinese by Mercato's lexicon and rules over jieba's words, same labels (docs/listening.md). "
            + "A line that is not valid UTF-8 is reported on stderr with its reason, nothing is printed, and the exit code is 2.")
        {
            lang, input,
        };

        // Scoring needs no workspace, so no store is opened (and no data directory made): the use case stands alone.
        command.SetAction(async (result, cancellationToken) =>
        {
            byte[] bytes;
            if (result.GetValue(input) is { } file)
            {
                if (!file.Exists)
                {
                    return CliContext.Invalid(ApiCodes.FileNotFound, ("path", file.FullName));
                }

                bytes = await File.ReadAllBytesAsync(file.FullName, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                using var stdin = Console.OpenStandardInput();
                using var buffer = new MemoryStream();
                await stdin.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                bytes = buffer.ToArray();
            }

            var lines = ListeningUseCases.ReadLines(bytes);
            if (lines.Value is not { } texts)
            {
                return CliContext.Fail(lines);
            }

            var scored = new ListeningUseCases(new SentimentModels()).Score(texts, result.GetValue(lang));
            if (scored.Value is not { } sentiments)
            {
                return CliContext.Fail(scored);
            }

            var output = Console.Out;
            foreach (var sentiment in sentiments)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(ListeningScore.From(sentiment), MercatoJson.Compact)).ConfigureAwait(false);
            }

            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Watch()
    {
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("watch", "The watch list: brand, product and competitor names with aliases, and risk terms (the default risk terms until one is saved)")
        {
            format, WatchAdd(), WatchRemove(),
        };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var list = await services.GetRequiredService<WatchListUseCases>().GetAsync(cancellationToken).ConfigureAwait(false);
            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(new { version = list.Version, terms = list.Value.Terms });
                return 0;
            }

            CliContext.WriteTable(["term", "kind", "aliases"], list.Value.Terms.Select(t => (IReadOnlyList<string>)[t.Term, EnumWords.Word(t.Kind), string.Join(", ", t.Aliases)]));
            if (list.Version == 0)
            {
                Console.Out.WriteLine("(the default risk terms: nothing saved yet)");
            }

            return 0;
        });
        return command;
    }

    private static Command WatchAdd()
    {
        var term = new Argument<string>("term") { Description = "The term as the workspace names it" };
        var kind = new Option<string>("--kind") { Description = "brand, product, competitor or risk", Required = true };
        kind.AcceptOnlyFromAmong([.. EnumWords.All<WatchKind>()]);
        var aliases = new Option<string[]>("--alias") { Description = "Another spelling that counts as the term; repeat for more", AllowMultipleArgumentsPerToken = false };
        var command = new Command("add", "Add a term (or replace the one spelled the same)") { term, kind, aliases };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            EnumWords.TryParse<WatchKind>(result.GetValue(kind), out var k);
            var saved = await services.GetRequiredService<WatchListUseCases>()
                .AddAsync(new WatchTerm(result.GetValue(term)!, k, result.GetValue(aliases) ?? []), cancellationToken).ConfigureAwait(false);
            if (!saved.IsOk)
            {
                return CliContext.Fail(saved);
            }

            Console.Out.WriteLine($"watching {saved.Value!.Terms.Count} terms");
            return 0;
        });
        return command;
    }

    private static Command WatchRemove()
    {
        var term = new Argument<string>("term") { Description = "The term to stop watching" };
        var command = new Command("remove", "Stop watching a term") { term };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var saved = await services.GetRequiredService<WatchListUseCases>().RemoveAsync(result.GetValue(term)!, cancellationToken).ConfigureAwait(false);
            if (!saved.IsOk)
            {
                return CliContext.Fail(saved);
            }

            Console.Out.WriteLine($"watching {saved.Value!.Terms.Count} terms");
            return 0;
        });
        return command;
    }
}
