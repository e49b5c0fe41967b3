using Mercato.Core.Organization;

namespace Mercato.Features.Organization;

/// <summary>
/// Names a structure for comparison and display: <c>current</c> (the workspace's), a template name, or (from the command
/// line) a YAML or JSON file.
/// </summary>
public static class OrgSources
{
    /// <summary>The word for the workspace's own structure.</summary>
    public const string Current = "current";

    /// <summary>Resolves <paramref name="name"/>; null with a reason (an <see cref="OrgHostCodes"/> code) when it names nothing usable.</summary>
    public static OrgStructure? Resolve(OrgStructure? current, string name, bool allowFiles, out Message? problem)
    {
        problem = null;
        if (string.Equals(name, Current, StringComparison.Ordinal))
        {
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
                problem = Message.Of(OrgHostCodes.FileExtension, ("name", name));
                return null;
            }

            var read = OrgSerializer.Import(File.ReadAllText(name), format);
            problem = read.Structure is null
                ? Message.Of(OrgHostCodes.FileInvalid, ("name", name), ("problems", read.Problems.Select(p => Messages.WithPath(p))))
                : null;
            return read.Structure;
        }

        problem = Message.Of(allowFiles ? OrgHostCodes.SourceUnknownNoFile : OrgHostCodes.SourceUnknown,
            ("name", name), ("current", Current), ("templates", OrgTemplates.Names));
        return null;
    }

    /// <summary>What to say when the workspace has no structure yet.</summary>
    public static Message NoStructure { get; } = new(OrgHostCodes.NoStructure);

    /// <summary>A comparison verdict in words.</summary>
    public static string Word(ComparisonVerdict verdict) => OrgText.Term("comparison_verdict", EnumWords.Word(verdict), verdict switch
    {
        ComparisonVerdict.Same => "same",
        ComparisonVerdict.Moved => "moved",
        ComparisonVerdict.AddedOwner => "gap filled",
        ComparisonVerdict.RemovedOwner => "becomes a gap",
        ComparisonVerdict.Split => "split",
        _ => "nobody in either",
    });
}

/// <summary>The host's codes for naming a structure (<see cref="OrgSources"/>).</summary>
public static class OrgHostCodes
{
    /// <summary>The workspace has no organization structure yet.</summary>
    public const string NoStructure = "org_no_structure";

    /// <summary>A structure file (<c>name</c>) that is not .yaml, .yml or .json.</summary>
    public const string FileExtension = "org_file_extension";

    /// <summary>A structure file (<c>name</c>) that does not read (its <c>problems</c>, rendered).</summary>
    public const string FileInvalid = "org_file_invalid";

    /// <summary>A <c>name</c> that is neither <c>current</c> nor one of the <c>templates</c>.</summary>
    public const string SourceUnknown = "org_source_unknown";

    /// <summary>A <c>name</c> that is neither <c>current</c>, one of the <c>templates</c>, nor a file.</summary>
    public const string SourceUnknownNoFile = "org_source_unknown_no_file";
}
