using System.CommandLine;
using Mercato.Core.Organization;
using Mercato.Features.Targets;

namespace Mercato.Features.Organization;

/// <summary><c>mercato org</c>: the organization as data (docs/organization.md).</summary>
internal static class OrgCommand
{
    public static Command Create()
    {
        var command = new Command("org", Words.W("organization.cli.org"))
        {
            Show(), Check(), Template(), Export(), Import(), Compare(), TargetsCommand.Create(),
        };
        return command;
    }

    private static OrganizationUseCases Organization(IServiceProvider services) => services.GetRequiredService<OrganizationUseCases>();

    private static Command Show()
    {
        var format = CliContext.FormatOption("table", "json", "yaml", "csv", "xlsx");
        var command = new Command("show", Words.W("organization.cli.show")) { format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var structure = await Organization(services).StructureAsync(cancellationToken);
            if (structure is null)
            {
                Console.Error.WriteLine(Messages.Text(OrgSources.NoStructure));
                return MercatoCli.Failure;
            }

            switch (result.GetValue(format))
            {
                case "json":
                    Console.Out.WriteLine(OrgSerializer.ToJson(structure));
                    break;
                case "yaml":
                    Console.Out.Write(OrgSerializer.ToYaml(structure));
                    break;
                case var shown:
                    return WriteTree(result, shown!, structure);
            }

            return MercatoCli.Ok;
        });
        return command;
    }

    private static int WriteTree(ParseResult result, string format, OrgStructure structure)
    {
        if (format == "table")
        {
            Console.Out.WriteLine(structure.Name);
        }

        var rows = new List<IReadOnlyList<string>>();
        void Walk(OrgUnit unit, int depth)
        {
            var reports = unit.ReportsTo is { } to ? Words.W("organization.cli.reports_to", ("unit", structure.FindUnit(to)?.Name ?? to)) : "";
            var functions = structure.Ownerships.Where(o => o.Unit == unit.Id && o.Role == RaciRole.Responsible).Select(o => o.Function);
            rows.Add([new string(' ', depth * 2) + unit.Name, OrgText.Kind(unit.Kind), unit.Head ?? "", reports, string.Join(", ", functions)]);
            foreach (var child in structure.Children(unit.Id))
            {
                Walk(child, depth + 1);
            }
        }

        foreach (var root in structure.Units.Where(u => u.Parent is null))
        {
            Walk(root, 0);
        }

        return CliContext.WriteShown(result, format, "organization",
            [Words.W("organization.cli.col_unit"), Words.W("organization.cli.col_kind"), Words.W("organization.cli.col_head"), Words.W("organization.cli.col_reporting"), Words.W("organization.cli.col_responsible_for")],
            rows);
    }

    private static Command Check()
    {
        var format = CliContext.TableFormatOption();
        var against = new Option<string?>("--structure") { Description = Words.W("organization.cli.check_structure") };
        var command = new Command("check", Words.W("organization.cli.check")) { format, against };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var resolved = await Organization(services).ResolveAsync(result.GetValue(against) ?? OrgSources.Current, allowFiles: true, cancellationToken);
            if (resolved.Value is not { } structure)
            {
                return CliContext.Fail(resolved);
            }

            var report = OrgAnalysis.Check(structure);
            var shown = result.GetValue(format)!;
            if (shown == "json")
            {
                CliContext.WriteJson(report);
                return MercatoCli.Ok;
            }

            if (shown is "csv" or "xlsx")
            {
                IEnumerable<IReadOnlyList<string>> Rows(string finding, IEnumerable<(string Subject, Message Reason)> found) =>
                    found.Select(f => (IReadOnlyList<string>)[Words.W(finding), f.Subject, OrgText.Text(f.Reason, structure)]);
                return CliContext.WriteShown(result, shown, "boundaries",
                    [Words.W("organization.cli.col_finding"), Words.W("organization.cli.col_subject"), Words.W("organization.cli.col_why")],
                    [
                        .. Rows("organization.cli.finding_overlap", report.Overlaps.Select(o => (o.Function, o.Reason))),
                        .. Rows("organization.cli.finding_gap", report.Gaps.Select(g => (g.Function, g.Reason))),
                        .. Rows("organization.cli.finding_unowned", report.UnownedKpis.Select(k => (k.Kpi, k.Reason))),
                        .. Rows("organization.cli.finding_idle", report.IdleUnits.Select(u => (u.Unit, u.Reason))),
                        .. Rows("organization.cli.finding_mismatch", report.Mismatches.Select(m => (m.Unit, m.Reason))),
                    ]);
            }

            Console.Out.WriteLine(Words.W("organization.cli.check_summary", ("name", Shared.Names.Of(DisplayNames.Company, structure.Name, structure.Name)), ("overlaps", (long)report.Overlaps.Count), ("gaps", (long)report.Gaps.Count),
                ("unowned", (long)report.UnownedKpis.Count), ("idle", (long)report.IdleUnits.Count), ("mismatches", (long)report.Mismatches.Count)));
            void Section(string title, IEnumerable<Message> reasons)
            {
                var list = reasons.ToList();
                if (list.Count == 0)
                {
                    return;
                }

                Console.Out.WriteLine();
                Console.Out.WriteLine(title);
                foreach (var reason in list)
                {
                    Console.Out.WriteLine("  - " + OrgText.Text(reason, structure));
                }
            }

            Section(Words.W("organization.cli.section_overlaps"), report.Overlaps.Select(o => o.Reason));
            Section(Words.W("organization.cli.section_gaps"), report.Gaps.Select(g => g.Reason));
            Section(Words.W("organization.cli.section_unowned"), report.UnownedKpis.Select(k => k.Reason));
            Section(Words.W("organization.cli.section_idle"), report.IdleUnits.Select(u => u.Reason));
            Section(Words.W("organization.cli.section_mismatches"), report.Mismatches.Select(m => m.Reason));
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Template()
    {
        var name = new Argument<string?>("name") { Description = Words.W("organization.cli.template_name"), Arity = ArgumentArity.ZeroOrOne };
        var replace = new Option<bool>("--replace") { Description = Words.W("organization.cli.template_replace") };
        var print = new Option<bool>("--print") { Description = Words.W("organization.cli.template_print") };
        var format = CliContext.TableFormatOption();
        format.Description = Words.W("organization.cli.template_format");
        var command = new Command("template", Words.W("organization.cli.template")) { name, replace, print, format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var templateName = result.GetValue(name);
            if (templateName is null)
            {
                if (result.GetValue(format) == "json")
                {
                    CliContext.WriteJson(OrgTemplates.Names.Select(n => new { template = n, name = OrgTemplates.Get(n)!.Name, units = OrgTemplates.Get(n)!.Units.Count }));
                    return MercatoCli.Ok;
                }

                return CliContext.WriteShown(result, result.GetValue(format)!, "templates",
                    [Words.W("organization.cli.col_template"), Words.W("organization.cli.col_name"), Words.W("organization.cli.col_units")],
                    OrgTemplates.Names.Select(n => (IReadOnlyList<string>)[n, OrgTemplates.Get(n)!.Name, OrgTemplates.Get(n)!.Units.Count.ToString("N0", System.Globalization.CultureInfo.CurrentCulture)]),
                    new HashSet<int> { 2 });
            }

            if (OrgTemplates.Get(templateName) is not { } template)
            {
                return CliContext.Invalid(ApiCodes.TemplateNotFound, ("name", templateName), ("expected", OrgTemplates.Names));
            }

            if (result.GetValue(print))
            {
                Console.Out.Write(OrgSerializer.ToYaml(template));
                return MercatoCli.Ok;
            }

            return await SaveAsync(Organization(services), template, result.GetValue(replace), Words.W("organization.cli.from_template", ("name", templateName)), cancellationToken);
        });
        return command;
    }

    private static async Task<int> SaveAsync(OrganizationUseCases organization, OrgStructure structure, bool replace, string what, CancellationToken cancellationToken)
    {
        var outcome = await organization.SaveAsync(structure, replace, null, cancellationToken);
        if (outcome.Value is not { } saved)
        {
            if (outcome.Kind == OutcomeKind.Refused)
            {
                Console.Error.WriteLine(Words.W("organization.cli.add_replace", ("why", Messages.Text(outcome))));
                return CliContext.ExitCode(outcome);
            }

            Console.Error.WriteLine(Messages.Text(ApiCodes.StructureNotSaved) + ":");
            return CliContext.Fail(outcome);
        }

        Console.Out.WriteLine(Words.W("organization.cli.saved", ("name", saved.Name), ("from", what), ("units", (long)saved.Units), ("ownerships", (long)saved.Ownerships),
            ("kpis", (long)saved.Kpis), ("removed", (long)saved.TargetsRemoved)));
        return MercatoCli.Ok;
    }

    private static Command Export()
    {
        var file = new Argument<string>("file") { Description = Words.W("organization.cli.export_file") };
        var command = new Command("export", Words.W("organization.cli.export")) { file };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var structure = await Organization(services).StructureAsync(cancellationToken);
            if (structure is null)
            {
                Console.Error.WriteLine(Messages.Text(OrgSources.NoStructure));
                return MercatoCli.Failure;
            }

            var path = result.GetValue(file)!;
            if (path == "-")
            {
                Console.Out.Write(OrgSerializer.ToYaml(structure));
                return MercatoCli.Ok;
            }

            if (!OrgSerializer.TryFormatOf(path, out var format))
            {
                return CliContext.Invalid(OrgHostCodes.FileExtension, ("name", path));
            }

            await File.WriteAllTextAsync(path, OrgSerializer.Export(structure, format), cancellationToken);
            Console.Out.WriteLine(Words.W("organization.cli.wrote", ("path", path)));
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Import()
    {
        var file = new Argument<string>("file") { Description = Words.W("organization.cli.import_file") };
        var replace = new Option<bool>("--replace") { Description = Words.W("organization.cli.import_replace") };
        var command = new Command("import", Words.W("organization.cli.import")) { file, replace };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var path = result.GetValue(file)!;
            if (!File.Exists(path))
            {
                Console.Error.WriteLine(Messages.Text(ApiCodes.FileNotFound, MessageArgs.Of(("path", path))));
                return MercatoCli.Failure;
            }

            if (!OrgSerializer.TryFormatOf(path, out var format))
            {
                return CliContext.Invalid(OrgHostCodes.FileExtension, ("name", path));
            }

            var read = OrgSerializer.Import(await File.ReadAllTextAsync(path, cancellationToken), format);
            if (read.Structure is null || read.Problems.Count > 0)
            {
                Console.Error.WriteLine(Words.W("organization.cli.nothing_imported", ("path", path), ("why", Messages.Text(CommonCodes.Invalid, MessageArgs.Of(("count", read.Problems.Count))))));
                foreach (var problem in read.Problems)
                {
                    // file:line:column: like a compiler, so editors can jump to it.
                    var at = problem.Line is { } line ? $"{path}:{line}:{problem.Column ?? 1}" : path;
                    Console.Error.WriteLine($"  {at}: {(problem.Path.Length > 0 ? problem.Path + ": " : "")}{Messages.Text(problem)}");
                }

                return MercatoCli.InvalidInput;
            }

            return await SaveAsync(Organization(services), read.Structure, result.GetValue(replace), path, cancellationToken);
        });
        return command;
    }

    private static Command Compare()
    {
        var a = new Argument<string>("a") { Description = Words.W("organization.cli.compare_a") };
        var b = new Argument<string>("b") { Description = Words.W("organization.cli.compare_b") };
        var format = CliContext.TableFormatOption();
        var command = new Command("compare", Words.W("organization.cli.compare")) { a, b, format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var organization = Organization(services);
            var leftOutcome = await organization.ResolveAsync(result.GetValue(a)!, allowFiles: true, cancellationToken);
            var rightOutcome = await organization.ResolveAsync(result.GetValue(b)!, allowFiles: true, cancellationToken);
            if ((leftOutcome.Value, rightOutcome.Value) is not ({ } left, { } right))
            {
                return CliContext.Fail(leftOutcome.IsOk ? rightOutcome : leftOutcome);
            }

            var comparison = OrgComparison.Compare(left, right);
            var shown = result.GetValue(format)!;
            if (shown == "json")
            {
                CliContext.WriteJson(comparison);
                return MercatoCli.Ok;
            }

            if (shown == "table")
            {
                Console.Out.WriteLine(Words.W("organization.cli.compare_summary", ("a", comparison.A), ("b", comparison.B), ("counts", string.Join(Words.W("organization.cli.counts_separator"),
                    comparison.Counts.Where(c => c.Value > 0).Select(c => Words.W("organization.cli.count", ("count", (long)c.Value), ("verdict", OrgSources.Word(c.Key))))))));
            }

            return CliContext.WriteShown(result, shown, "comparison", [Words.W("organization.cli.col_function"), comparison.A, comparison.B, Words.W("organization.cli.col_verdict")],
                comparison.Functions.Select(f => (IReadOnlyList<string>)[
                    OrgCatalog.Find(f.Function) is { } catalog && catalog.Name == f.Name ? OrgText.Term("function", f.Function, f.Name) : f.Name,
                    Names(f.InA), Names(f.InB), OrgSources.Word(f.Verdict)]));
        });
        return command;
    }

    private static string Names(IReadOnlyList<string> units) => units.Count == 0 ? "-" : string.Join(" + ", units);
}
