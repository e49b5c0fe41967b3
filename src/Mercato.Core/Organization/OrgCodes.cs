namespace Mercato.Core.Organization;

/// <summary>
/// The codes of the organization: structure validation and file problems (<see cref="OrgProblem"/>), targets, the boundary
/// findings of <see cref="OrgAnalysis"/> and the verdicts of <see cref="OrgComparison"/>.
/// </summary>
public static class OrgCodes
{
    /// <summary>A record names a <c>unit</c> that the structure does not hold.</summary>
    public const string UnknownUnit = "unknown_unit";

    /// <summary>A unit of the structure names a <c>unit</c> that it does not hold.</summary>
    public const string UnknownUnitIn = "unknown_unit_in";

    /// <summary>A record names a <c>function</c> that is neither a catalog function nor a custom one.</summary>
    public const string UnknownFunction = "unknown_function";

    /// <summary>A structure without units.</summary>
    public const string NoUnits = "no_units";

    /// <summary>A unit is its own parent.</summary>
    public const string OwnParent = "own_parent";

    /// <summary>A unit reports to itself.</summary>
    public const string ReportsToItself = "reports_to_itself";

    /// <summary>A <c>unit</c> reports to a unit below it (<c>target</c>).</summary>
    public const string ReportsToBelow = "reports_to_below";

    /// <summary>A second unit without a parent besides the <c>root</c>.</summary>
    public const string SecondRoot = "second_root";

    /// <summary>No unit without a parent (and no cycle explains why).</summary>
    public const string NoRoot = "no_root";

    /// <summary>Parent links go round in a cycle (<c>units</c>, the first repeated at the end).</summary>
    public const string ParentCycle = "parent_cycle";

    /// <summary>A custom function takes a catalog function's id (<c>value</c>).</summary>
    public const string CatalogFunctionId = "catalog_function_id";

    /// <summary>A <c>unit</c> has a second role (besides <c>role</c> at <c>other</c>) for a <c>function</c>.</summary>
    public const string RoleTwice = "role_twice";

    /// <summary>A second accountable unit for a <c>function</c> (<c>unit</c> already is).</summary>
    public const string SecondAccountable = "second_accountable";

    /// <summary>A KPI (<c>value</c>) assigned twice (also at <c>other</c>).</summary>
    public const string KpiTwice = "kpi_twice";

    /// <summary>Targets without a structure: targets belong to units.</summary>
    public const string NoStructure = "no_structure";

    /// <summary>A target's period (<c>value</c>) is not <c>YYYY-MM</c> or <c>YYYY-Qn</c>.</summary>
    public const string NotAPeriod = "not_a_period";

    /// <summary>A second target for the same KPI, unit and period (the first at <c>other</c>).</summary>
    public const string TargetTwice = "target_twice";

    /// <summary>A structure file is not JSON (the parser's <c>detail</c>).</summary>
    public const string NotValidJson = "not_valid_json";

    /// <summary>A structure file is not YAML (the parser's <c>detail</c>).</summary>
    public const string NotValidYaml = "not_valid_yaml";

    /// <summary>A structure file is empty.</summary>
    public const string FileEmpty = "file_empty";

    /// <summary>A YAML file holds <c>count</c> documents instead of one.</summary>
    public const string OneYamlDocument = "one_yaml_document";

    /// <summary>A YAML node of a kind the reader does not take (an alias, a tag).</summary>
    public const string UnsupportedYamlNode = "unsupported_yaml_node";

    /// <summary>The document is not a mapping.</summary>
    public const string DocumentNotMapping = "document_not_mapping";

    /// <summary>A node is not a mapping of the <c>fields</c>.</summary>
    public const string ExpectedMapping = "expected_mapping";

    /// <summary>A <c>field</c> that is not one of the <c>expected</c>.</summary>
    public const string UnknownField = "unknown_field";

    /// <summary>A field given twice in one mapping.</summary>
    public const string FieldTwice = "field_twice";

    /// <summary>A required <c>field</c> is absent or null.</summary>
    public const string FieldRequired = "field_required";

    /// <summary>A required word <c>field</c> is absent; one of <c>expected</c>.</summary>
    public const string FieldRequiredOneOf = "field_required_one_of";

    /// <summary>A node is not a list.</summary>
    public const string ExpectedList = "expected_list";

    /// <summary>Text expected, a mapping found.</summary>
    public const string ExpectedTextNotMapping = "expected_text_not_mapping";

    /// <summary>Text expected, a list found.</summary>
    public const string ExpectedTextNotList = "expected_text_not_list";

    /// <summary>Finding: <c>count</c> units (<c>units</c>) are responsible for a <c>function</c>; <c>others</c> is count − 1.</summary>
    public const string Overlap = "overlap";

    /// <summary>Finding: nobody is responsible for a needed <c>function</c>.</summary>
    public const string GapNobody = "gap_nobody";

    /// <summary>Finding: nobody is responsible for a needed <c>function</c>, which usually belongs to the <c>owner</c>.</summary>
    public const string GapNobodyUsualOwner = "gap_nobody_usual_owner";

    /// <summary>Finding: a <c>unit</c> is accountable for a needed <c>function</c> that no unit is responsible for.</summary>
    public const string GapAccountableOnly = "gap_accountable_only";

    /// <summary>Finding: nobody answers for a <c>kpi</c> of a <c>function</c> (the units <c>responsible</c> for it named).</summary>
    public const string KpiNobodyAnswers = "kpi_nobody_answers";

    /// <summary>Finding: a <c>kpi</c> is assigned to a <c>unit</c> that does not own its <c>function</c> (<c>responsible</c> named).</summary>
    public const string KpiNotOwned = "kpi_not_owned";

    /// <summary>Finding: a <c>unit</c> owns no function (it is only consulted or informed on the <c>minor</c> ones).</summary>
    public const string IdleUnit = "idle_unit";

    /// <summary>Finding: a <c>unit</c>'s name <c>says</c> areas, but <c>outside</c> of its <c>count</c> functions are <c>areas</c> work (<c>evidence</c>).</summary>
    public const string NameMismatch = "name_mismatch";

    /// <summary>Comparison: nobody is responsible for the <c>function</c> in <c>a</c> or <c>b</c>.</summary>
    public const string ComparisonUnowned = "comparison_unowned";

    /// <summary>Comparison: nobody in <c>a</c>; the units <c>in_b</c> in <c>b</c>.</summary>
    public const string ComparisonAddedOwner = "comparison_added_owner";

    /// <summary>Comparison: the units <c>in_a</c> in <c>a</c>; nobody in <c>b</c>.</summary>
    public const string ComparisonRemovedOwner = "comparison_removed_owner";

    /// <summary>Comparison: more than one unit on a side (<c>in_a</c>, <c>in_b</c>).</summary>
    public const string ComparisonSplit = "comparison_split";

    /// <summary>Comparison: the same unit (<c>in_a</c>) in both.</summary>
    public const string ComparisonSame = "comparison_same";

    /// <summary>Comparison: the work moves from <c>in_a</c> to <c>in_b</c>.</summary>
    public const string ComparisonMoved = "comparison_moved";

    /// <summary>A target typed as text (<c>value</c>) is not a number.</summary>
    public const string TargetNotANumber = "target_not_a_number";
}
