using System.CommandLine;
using System.Globalization;
using System.Text;
using Mercato.Core.Access;

namespace Mercato.Features.Audit;

/// <summary><c>mercato audit</c>: the audit log, newest first, as a table, JSON or CSV.</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var from = new Option<string?>("--from") { Description = "Entries from this day (YYYY-MM-DD, UTC) or ISO 8601 time on" };
        var to = new Option<string?>("--to") { Description = "Entries up to this day, included (YYYY-MM-DD, UTC), or before this ISO 8601 time" };
        var user = new Option<string?>("--user") { Description = "Only this account's (or OS user's) entries" };
        var collection = new Option<string?>("--collection") { Description = "Only this document collection or data kind (people, campaigns, spend, ...)" };
        var limit = new Option<int>("--limit") { Description = $"At most this many entries, 1 to {AuditUseCases.MaxLimit}", DefaultValueFactory = _ => AuditUseCases.DefaultLimit };
        var before = new Option<long?>("--before") { Description = "Only entries numbered below this (the next page)" };
        var format = CliContext.FormatOption("table", "json", "csv");
        var command = new Command("audit", "The audit log: every write, who, when, through which door and from where, newest first")
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
            switch (result.GetValue(format))
            {
                case "json":
                    CliContext.WriteJson(new { entries });
                    break;
                case "csv":
                    var csv = new StringBuilder("id,at,actor,door,address,action,collection,target,before,after\n");
                    foreach (var e in entries)
                    {
                        csv.Append(string.Join(',', Id(e), Time(e.At), Csv(e.Actor), Csv(e.Door), Csv(e.Address), Csv(e.Action), Csv(e.Collection), Csv(e.Target), Csv(e.Before), Csv(e.After)))
                            .Append('\n');
                    }

                    Console.Out.Write(csv);
                    break;
                default:
                    if (entries.Count == 0)
                    {
                        Console.Out.WriteLine("No audit entry matches.");
                        break;
                    }

                    CliContext.WriteTable(
                        ["id", "time (UTC)", "actor", "door", "address", "action", "collection", "target"],
                        entries.Select(e => (IReadOnlyList<string>)[Id(e), Time(e.At), e.Actor, e.Door, e.Address ?? "", e.Action, e.Collection ?? "", e.Target ?? ""]),
                        new HashSet<int> { 0 });
                    if (entries.Count == q.Limit)
                    {
                        Console.Out.WriteLine(FormattableString.Invariant($"More may be older: add --before {entries[^1].Id}."));
                    }

                    break;
            }

            return MercatoCli.Ok;
        });
        return command;
    }

    private static string Id(AuditEntry e) => e.Id.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Csv(string? text) =>
        text is null ? "" : text.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
