using System.CommandLine;
using Mercato.Core.Organization;
using Mercato.Features.Targets;

namespace Mercato.Features.Organization;

/// <summary><c>mercato org</c>: the organization as data (docs/organization.md).</summary>
internal static class OrgCommand
{
    public static Command Create()
    {
        var command = new Command("org", "The organization as data: units, functions, ownership, KPIs, boundaries")
        {
            Show(), Check(), Template(), Export(), Import(), Compare(), TargetsCommand.Create(),
        };
        return command;
    }

    private static OrganizationUseCases Organization(IServiceProvider services) => services.GetRequiredService<OrganizationUseCases>();

    private static Command Show()
    {
        var format = CliContext.FormatOption("table", "json", "yaml");
        var command = new Command("show", "The workspace's structure: the unit tree with heads, reporting lines and the functions each unit is responsible for") { format };
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
                default:
                    WriteTree(structure);
                    break;
            }

            return MercatoCli.Ok;
        });
        return command;
    }

    private static void WriteTree(OrgStructure structure)
    {
        Console.Out.WriteLine(structure.Name);
        var rows = new List<IReadOnlyList<string>>();
        void Walk(OrgUnit unit, int depth)
        {
            var reports = unit.ReportsTo is { } to ? "reports to " + (structure.FindUnit(to)?.Name ?? to) : "";
            var functions = structure.Ownerships.Where(o => o.Unit == unit.Id && o.Role == RaciRole.Responsible).Select(o => o.Function);
            rows.Add([new string(' ', depth * 2) + unit.Name, unit.Kind.Word(), unit.Head ?? "", reports, string.Join(", ", functions)]);
            foreach (var child in structure.Children(unit.Id))
            {
                Walk(child, depth + 1);
            }
        }

        foreach (var root in structure.Units.Where(u => u.Parent is null))
        {
            Walk(root, 0);
        }

        CliContext.WriteTable(["unit", "kind", "head", "reporting", "responsible for"], rows);
    }

    private static Command Check()
    {
        var format = CliContext.FormatOption("table", "json");
        var against = new Option<string?>("--structure") { Description = "Check a template or a YAML/JSON file instead of the workspace's structure" };
        var command = new Command("check", "The boundary analysis: overlaps, gaps, KPIs nobody answers for, idle units, names that do not match the job") { format, against };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var resolved = await Organization(services).ResolveAsync(result.GetValue(against) ?? OrgSources.Current, allowFiles: true, cancellationToken);
            if (resolved.Value is not { } structure)
            {
                return CliContext.Fail(resolved);
            }

            var report = OrgAnalysis.Check(structure);
            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(report);
                return MercatoCli.Ok;
            }

            Console.Out.WriteLine($"{structure.Name}: {report.Overlaps.Count} overlaps, {report.Gaps.Count} gaps, {report.UnownedKpis.Count} KPIs nobody answers for, {report.IdleUnits.Count} idle units, {report.Mismatches.Count} names that do not match the job");
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
                    Console.Out.WriteLine("  - " + Messages.Text(reason));
                }
            }

            Section("Overlaps", report.Overlaps.Select(o => o.Reason));
            Section("Gaps", report.Gaps.Select(g => g.Reason));
            Section("KPIs nobody answers for", report.UnownedKpis.Select(k => k.Reason));
            Section("Idle units", report.IdleUnits.Select(u => u.Reason));
            Section("Names that do not match the job", report.Mismatches.Select(m => m.Reason));
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Template()
    {
        var name = new Argument<string?>("name") { Description = "recommended, company-a, company-b or company-c; omit to list them", Arity = ArgumentArity.ZeroOrOne };
        var replace = new Option<bool>("--replace") { Description = "Replace the workspace's existing structure (targets of units it drops are removed)" };
        var print = new Option<bool>("--print") { Description = "Print the template as YAML instead of applying it" };
        var command = new Command("template", "Create the workspace's structure from a template") { name, replace, print };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var templateName = result.GetValue(name);
            if (templateName is null)
            {
                CliContext.WriteTable(["template", "name", "units"],
                    OrgTemplates.Names.Select(n => (IReadOnlyList<string>)[n, OrgTemplates.Get(n)!.Name, OrgTemplates.Get(n)!.Units.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
                return MercatoCli.Ok;
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

            return await SaveAsync(Organization(services), template, result.GetValue(replace), $"template {templateName}", cancellationToken);
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
                Console.Error.WriteLine(Messages.Text(outcome) + "; add --replace to replace it");
                return CliContext.ExitCode(outcome);
            }

            Console.Error.WriteLine(Messages.Text(ApiCodes.StructureNotSaved) + ":");
            return CliContext.Fail(outcome);
        }

        Console.Out.WriteLine($"saved '{saved.Name}' from {what}: {saved.Units} units, {saved.Ownerships} ownerships, {saved.Kpis} KPI assignments"
            + (saved.TargetsRemoved > 0 ? $"; {saved.TargetsRemoved} targets of removed units deleted" : ""));
        return MercatoCli.Ok;
    }

    private static Command Export()
    {
        var file = new Argument<string>("file") { Description = "A .yaml, .yml or .json file to write; '-' writes YAML to stdout" };
        var command = new Command("export", "Write the workspace's structure to a YAML or JSON file (docs/organization.md)") { file };
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
            Console.Out.WriteLine($"wrote {path}");
            return MercatoCli.Ok;
        });
        return command;
    }

    private static Command Import()
    {
        var file = new Argument<string>("file") { Description = "A .yaml, .yml or .json structure file" };
        var replace = new Option<bool>("--replace") { Description = "Replace the workspace's existing structure" };
        var command = new Command("import", "Read a structure from YAML or JSON; nothing changes unless all of it is valid") { file, replace };
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
                Console.Error.WriteLine($"{path}: {Messages.Text(CommonCodes.Invalid, MessageArgs.Of(("count", read.Problems.Count)))}; nothing was imported:");
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
        var a = new Argument<string>("a") { Description = "'current', a template name or a YAML/JSON file" };
        var b = new Argument<string>("b") { Description = "the same, to compare against" };
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("compare", "Two structures side by side: who is responsible for each function in each, and what moves") { a, b, format };
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
            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(comparison);
                return MercatoCli.Ok;
            }

            Console.Out.WriteLine($"{comparison.A}  vs  {comparison.B}: " + string.Join(", ",
                comparison.Counts.Where(c => c.Value > 0).Select(c => $"{c.Value} {OrgSources.Word(c.Key)}")));
            CliContext.WriteTable(["function", comparison.A, comparison.B, "verdict"],
                comparison.Functions.Select(f => (IReadOnlyList<string>)[f.Name, Names(f.InA), Names(f.InB), OrgSources.Word(f.Verdict)]));
            return MercatoCli.Ok;
        });
        return command;
    }

    private static string Names(IReadOnlyList<string> units) => units.Count == 0 ? "-" : string.Join(" + ", units);
}
