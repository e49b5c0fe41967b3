using Mercato.Core.Organization;
using Mercato.Storage.Organization;

namespace Mercato.Features.Organization;

/// <summary>
/// Names a structure for comparison and display: <c>current</c> (the workspace's), a template name, or (from the command
/// line) a YAML or JSON file.
/// </summary>
public static class OrgSources
{
    /// <summary>The word for the workspace's own structure.</summary>
    public const string Current = "current";

    /// <summary>Resolves <paramref name="name"/>; null with a reason when it names nothing usable.</summary>
    public static OrgStructure? Resolve(OrgStore store, string name, bool allowFiles, out string? problem)
    {
        problem = null;
        if (string.Equals(name, Current, StringComparison.Ordinal))
        {
            var current = store.Structure();
            problem = current is null ? NoStructure : null;
            return current;
        }

        if (OrgTemplates.Get(name) is { } template)
        {
            return template;
        }

        if (allowFiles && File.Exists(name))
        {
            if (!OrgSerializer.TryFormatOf(name, out var format))
            {
                problem = $"{name}: use a .yaml, .yml or .json file";
                return null;
            }

            var read = OrgSerializer.Import(File.ReadAllText(name), format);
            problem = read.Structure is null ? $"{name}: " + string.Join("; ", read.Problems) : null;
            return read.Structure;
        }

        problem = $"'{name}' is neither '{Current}', a template ({string.Join(", ", OrgTemplates.Names)})" + (allowFiles ? " nor a file" : "");
        return null;
    }

    /// <summary>What to say when the workspace has no structure yet.</summary>
    public const string NoStructure =
        "the workspace has no organization structure yet: start from a template (mercato org template recommended) or import one (mercato org import FILE)";

    /// <summary>A comparison verdict in words.</summary>
    public static string Word(ComparisonVerdict verdict) => verdict switch
    {
        ComparisonVerdict.Same => "same",
        ComparisonVerdict.Moved => "moved",
        ComparisonVerdict.AddedOwner => "gap filled",
        ComparisonVerdict.RemovedOwner => "becomes a gap",
        ComparisonVerdict.Split => "split",
        _ => "nobody in either",
    };
}
