using System.CommandLine;
using System.Globalization;
using System.Text;
using Mercato.Core.Access;

namespace Mercato.Features.Audit;

/// <summary><c>mercato audit</c>: the audit log, newest first, as a table, JSON, CSV (every field) or Excel (the table).</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var from = new Option<string?>("--from") { Description = Words.W("audit.cli.option_from") };
        var to = new Option<string?>("--to") { Description = Words.W("audit.cli.option_to") };
        var user = new Option<string?>("--user") { Description = Words.W("audit.cli.option_user") };
        var collection = new Option<string?>("--collection") { Description = Words.W("audit.cli.option_collection") };
        var limit = new Option<int>("--limit") { Description = Words.W("audit.cli.option_limit", ("max", (long)AuditUseCases.MaxLimit)), DefaultValueFactory = _ => AuditUseCases.DefaultLimit };
        var before = new Option<long?>("--before") { Description = Words.W("audit.cli.option_before") };
        var format = CliContext.TableFormatOption();
        var command = new Command("audit", Words.W("audit.cli.description"))
        {
            from, to, user, collection, limit, before, format,
        };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var query = AuditUseCases.Parse(result.GetValue(from), result.GetValue(to), result.GetValue(user), result.GetValue(collection),
                result.GetValue(limit), result.GetValue(before));
            if (query.Value is not { } q)
            {
                return CliContext.Fail(query);
            }

            var entries = await services.GetRequiredService<AuditUseCases>().QueryAsync(q, cancellationToken);
            var shown = result.GetValue(format)!;
            switch (shown)
            {
                case "json":
                    CliContext.WriteJson(new { entries });
                    return MercatoCli.Ok;
                case "csv":
                    // The machine CSV (every field, the documents too): its header is what scripts read, in every language.
                    var csv = new StringBuilder("id,at,actor,door,address,action,collection,target,before,after\n");
                    foreach (var e in entries)
                    {
                        csv.Append(string.Join(',', Id(e), Time(e.At), Csv(e.Actor), Csv(e.Door), Csv(e.Address), Csv(e.Action), Csv(e.Collection), Csv(e.Target), Csv(e.Before), Csv(e.After)))
                            .Append('\n');
                    }

                    return CliContext.WriteMachineCsv(result, csv.ToString(), entries.Count);
            }

            if (entries.Count == 0 && shown == "table")
            {
                Console.Out.WriteLine(Words.W("audit.cli.none"));
                return MercatoCli.Ok;
            }

            var exit = CliContext.WriteShown(
                result,
                shown,
                "audit",
                [
                    Words.W("audit.cli.col_id"), Words.W("audit.cli.col_time"), Words.W("audit.cli.col_actor"), Words.W("audit.cli.col_door"),
                    Words.W("audit.cli.col_address"), Words.W("audit.cli.col_action"), Words.W("audit.cli.col_collection"), Words.W("audit.cli.col_target"),
                ],
                entries.Select(e => (IReadOnlyList<string>)
                    [Id(e), Time(e.At), e.Actor, AuditWords.Door(e.Door), e.Address ?? "", AuditWords.Action(e.Action), e.Collection ?? "", e.Target ?? ""]),
                new HashSet<int> { 0 });
            if (shown == "table" && entries.Count == q.Limit)
            {
                Console.Out.WriteLine(Words.W("audit.cli.more", ("before", entries[^1].Id)));
            }

            return exit;
        });
        return command;
    }

    private static string Id(AuditEntry e) => e.Id.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Csv(string? text) =>
        text is null ? "" : text.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
