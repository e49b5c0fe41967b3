using System.CommandLine;
using Mercato.Core.Organization;
using Mercato.Storage.Organization;
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

    private static OrgStore Store(ParseResult result) => new(CliContext.OpenStore(result));

    private static Command Show()
    {
        var format = CliContext.FormatOption("table", "json", "yaml");
        var command = new Command("show", "The workspace's structure: the unit tree with heads, reporting lines and the functions each unit is responsible for") { format };
        command.SetAction(result =>
        {
            var structure = Store(result).Structure();
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
        command.SetAction(result =>
        {
            var structure = OrgSources.Resolve(Store(result), result.GetValue(against) ?? OrgSources.Current, allowFiles: true, out var problem);
            if (structure is null)
            {
                Console.Error.WriteLine(Messages.Text(problem!));
                return MercatoCli.Failure;
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
        command.SetAction(result =>
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
                Console.Error.WriteLine(Messages.Text(ApiCodes.TemplateNotFound, MessageArgs.Of(("name", templateName), ("expected", OrgTemplates.Names))));
                return MercatoCli.InvalidInput;
            }

            if (result.GetValue(print))
            {
                Console.Out.Write(OrgSerializer.ToYaml(template));
                return MercatoCli.Ok;
            }

            return Save(Store(result), template, result.GetValue(replace), $"template {templateName}");
        });
        return command;
    }

    private static int Save(OrgStore store, OrgStructure structure, bool replace, string what)
    {
        if (!replace && store.Structure() is { } existing)
        {
            Console.Error.WriteLine($"the workspace already has a structure ('{existing.Name}'); add --replace to replace it");
            return MercatoCli.InvalidInput;
        }

        var saved = store.Save(structure);
        if (!saved.Saved)
        {
            Console.Error.WriteLine($"{what} is not a valid structure; nothing was changed:");
            foreach (var problem in saved.Problems)
            {
                Console.Error.WriteLine("  " + Messages.WithPath(problem));
            }

            return MercatoCli.InvalidInput;
        }

        Console.Out.WriteLine($"saved '{structure.Name}' from {what}: {structure.Units.Count} units, {structure.Ownerships.Count} ownerships, {structure.Kpis.Count} KPI assignments"
            + (saved.TargetsRemoved > 0 ? $"; {saved.TargetsRemoved} targets of removed units deleted" : ""));
        return MercatoCli.Ok;
    }

    private static Command Export()
    {
        var file = new Argument<string>("file") { Description = "A .yaml, .yml or .json file to write; '-' writes YAML to stdout" };
        var command = new Command("export", "Write the workspace's structure to a YAML or JSON file (docs/organization.md)") { file };
        command.SetAction(result =>
        {
            var structure = Store(result).Structure();
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
                Console.Error.WriteLine($"{path}: use a .yaml, .yml or .json file name");
                return MercatoCli.InvalidInput;
            }

            File.WriteAllText(path, OrgSerializer.Export(structure, format));
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
        command.SetAction(result =>
        {
            var path = result.GetValue(file)!;
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"{path}: no such file");
                return MercatoCli.Failure;
            }

            if (!OrgSerializer.TryFormatOf(path, out var format))
            {
                Console.Error.WriteLine($"{path}: use a .yaml, .yml or .json file");
                return MercatoCli.InvalidInput;
            }

            var read = OrgSerializer.Import(File.ReadAllText(path), format);
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

            return Save(Store(result), read.Structure, result.GetValue(replace), path);
        });
        return command;
    }

    private static Command Compare()
    {
        var a = new Argument<string>("a") { Description = "'current', a template name or a YAML/JSON file" };
        var b = new Argument<string>("b") { Description = "the same, to compare against" };
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("compare", "Two structures side by side: who is responsible for each function in each, and what moves") { a, b, format };
        command.SetAction(result =>
        {
            var store = Store(result);
            var left = OrgSources.Resolve(store, result.GetValue(a)!, allowFiles: true, out var problemA);
            var right = OrgSources.Resolve(store, result.GetValue(b)!, allowFiles: true, out var problemB);
            if (left is null || right is null)
            {
                Console.Error.WriteLine(Messages.Text((problemA ?? problemB)!));
                return MercatoCli.Failure;
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
