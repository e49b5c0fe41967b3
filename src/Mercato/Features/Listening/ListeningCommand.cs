using System.CommandLine;
using System.Text.Json;
using Mercato.Core.Listening;

namespace Mercato.Features.Listening;

/// <summary><c>mercato listening</c>: public opinion.</summary>
internal static class ListeningCommand
{
    public static Command Create()
    {
        var command = new Command("listening", Words.W("listening.cli.description")) { Score(), Watch() };
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
            Description = Words.W("listening.cli.score_lang"),
            DefaultValueFactory = _ => "auto",
        };
        lang.AcceptOnlyFromAmong([.. SentimentScoring.Languages]);
        var input = new Option<FileInfo?>("--input") { Description = Words.W("listening.cli.score_input") };
        var command = new Command(
            "score",
            Words.W("listening.cli.score_description"))
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
        var format = CliContext.TableFormatOption();
        var command = new Command("watch", Words.W("listening.cli.watch_description"))
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

            var shown = CliContext.WriteShown(
                result, result.GetValue(format)!, "watch-list", [Words.W("listening.cli.col_term"), Words.W("listening.cli.col_kind"), Words.W("listening.cli.col_aliases")],
                list.Value.Terms.Select(t => (IReadOnlyList<string>)[t.Term, ListeningTerms.Of(t.Kind), string.Join(", ", t.Aliases)]));
            if (list.Version == 0 && result.GetValue(format) == "table")
            {
                Console.Out.WriteLine(Words.W("listening.cli.watch_default"));
            }

            return shown;
        });
        return command;
    }

    private static Command WatchAdd()
    {
        var term = new Argument<string>("term") { Description = Words.W("listening.cli.watch_add_term") };
        var kind = new Option<string>("--kind") { Description = Words.W("listening.cli.watch_add_kind"), Required = true };
        kind.AcceptOnlyFromAmong([.. EnumWords.All<WatchKind>()]);
        var aliases = new Option<string[]>("--alias") { Description = Words.W("listening.cli.watch_add_alias"), AllowMultipleArgumentsPerToken = false };
        var command = new Command("add", Words.W("listening.cli.watch_add_description")) { term, kind, aliases };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            EnumWords.TryParse<WatchKind>(result.GetValue(kind), out var k);
            var saved = await services.GetRequiredService<WatchListUseCases>()
                .AddAsync(new WatchTerm(result.GetValue(term)!, k, result.GetValue(aliases) ?? []), cancellationToken).ConfigureAwait(false);
            if (!saved.IsOk)
            {
                return CliContext.Fail(saved);
            }

            Console.Out.WriteLine(Words.W("listening.cli.watching", ("count", saved.Value!.Terms.Count)));
            return 0;
        });
        return command;
    }

    private static Command WatchRemove()
    {
        var term = new Argument<string>("term") { Description = Words.W("listening.cli.watch_remove_term") };
        var command = new Command("remove", Words.W("listening.cli.watch_remove_description")) { term };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var saved = await services.GetRequiredService<WatchListUseCases>().RemoveAsync(result.GetValue(term)!, cancellationToken).ConfigureAwait(false);
            if (!saved.IsOk)
            {
                return CliContext.Fail(saved);
            }

            Console.Out.WriteLine(Words.W("listening.cli.watching", ("count", saved.Value!.Terms.Count)));
            return 0;
        });
        return command;
    }
}
