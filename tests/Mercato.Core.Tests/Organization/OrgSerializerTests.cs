using Mercato.Core.Organization;
using static Mercato.Core.Tests.Organization.Orgs;

namespace Mercato.Core.Tests.Organization;

public class OrgSerializerTests
{
    public static readonly TheoryData<string> Names = [.. OrgTemplates.Names];

    /// <summary>Names that a YAML reader would take for null, booleans or numbers, or that need quoting.</summary>
    private static OrgStructure Tricky() => new(
        "null",
        [
            new OrgUnit("co", "yes", UnitKind.Company, Head: "~"),
            new OrgUnit("m", "2026", UnitKind.Center, "co", "CMO: Ana \"the voice\" Li", "co"),
            new OrgUnit("b", "#1 brand: team, of [many]", UnitKind.Team, "m", "Zoë 李"),
            new OrgUnit("e", "", UnitKind.Module, "m", " spaced "),
        ],
        [new OrgFunction("live_health_talks", "Live health talks", "Weekly live talks with doctors.", FunctionArea.Marketing, "")],
        [R("b", "live_health_talks"), C("m", "seo"), new Ownership("e", "seo", RaciRole.Informed), A("m", "live_health_talks")],
        [new KpiAssignment("talk_viewers", "live_health_talks", "b"), new KpiAssignment("dau", "user_operations", null)],
        ["seo", "live_health_talks", "sales"]);

    [Theory]
    [MemberData(nameof(Names))]
    public void Templates_RoundTripThroughJsonAndYaml(string name)
    {
        var s = Template(name);

        Assert.Equal(s, OrgSerializer.FromJson(OrgSerializer.ToJson(s)).Structure);
        Assert.Equal(s, OrgSerializer.FromYaml(OrgSerializer.ToYaml(s)).Structure);
    }

    [Fact]
    public void TrickyText_CustomFunctionsAndExplicitNeeds_RoundTrip()
    {
        var s = Tricky() with { Units = [.. Tricky().Units.Take(3)] };
        s = s with { Ownerships = [.. s.Ownerships.Where(o => o.Unit != "e")] };
        Assert.Empty(s.Validate());

        var yaml = OrgSerializer.ToYaml(s);
        var json = OrgSerializer.ToJson(s);

        Assert.Equal(s, OrgSerializer.FromYaml(yaml).Structure);
        Assert.Equal(s, OrgSerializer.FromJson(json).Structure);
        Assert.Contains("name: \"null\"", yaml, StringComparison.Ordinal);
        Assert.Contains("name: \"2026\"", yaml, StringComparison.Ordinal);
        Assert.Contains("needs:", yaml, StringComparison.Ordinal);
        Assert.Contains("\"head\": \"Zoë 李\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_OfTheRecommendedTemplate_IsReadable()
    {
        var yaml = OrgSerializer.ToYaml(Template("recommended"));

        Assert.StartsWith("name: Recommended data-driven structure\nunits:\n- id: company\n  name: Company\n  kind: company\n  head: CEO\n", yaml, StringComparison.Ordinal);
        Assert.Contains("\n- {unit: brand, function: brand_positioning, role: responsible}\n", yaml, StringComparison.Ordinal);
        Assert.Contains("\n- {kpi: retention_d7, function: user_operations, unit: user_ops}\n", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("needs", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("customFunctions", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_UsesCamelCaseFields_AndOmitsNulls()
    {
        var json = OrgSerializer.ToJson(Make([new OrgUnit("brand", "Brand", UnitKind.Department, "co", null, "co")], [R("brand", "seo")], [new KpiAssignment("cpa", "paid_acquisition", null)]));

        Assert.Contains("\"reportsTo\": \"co\"", json, StringComparison.Ordinal);
        Assert.Contains("{\n      \"kpi\": \"cpa\",\n      \"function\": \"paid_acquisition\"\n    }", json, StringComparison.Ordinal);
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
        Assert.EndsWith("}\n", json, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedYaml_ReportsLineAndColumn_AndNoStructure()
    {
        const string yaml = "name: X\nunits:\n  - id: co\n    name: \"unclosed\n    kind: company\n";

        var result = OrgSerializer.FromYaml(yaml);

        Assert.Null(result.Structure);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(OrgCodes.NotValidYaml, problem.Code);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem.Args["detail"]));
        Assert.NotNull(problem.Line);
        Assert.InRange(problem.Line!.Value, 4, 6);
    }

    [Fact]
    public void MalformedYaml_BadIndentation_ReportsItsLine()
    {
        const string yaml = "name: X\nunits:\n- id: co\n  name: Co\n kind: company\n";

        var problem = Assert.Single(OrgSerializer.FromYaml(yaml).Problems);

        Assert.Equal(5, problem.Line);
    }

    [Fact]
    public void UnknownField_IsAProblemAtItsLine()
    {
        const string yaml = "name: X\nunits:\n- id: co\n  name: Co\n  kind: company\n  parnet: x\n";

        var problem = Assert.Single(OrgSerializer.FromYaml(yaml).Problems);

        Assert.Equal(new OrgProblem("units[0].parnet", OrgCodes.UnknownField, MessageArgs.Of(("field", "parnet"), ("expected", new[] { "id", "name", "kind", "parent", "head", "reportsTo" })), 6, 3), problem);
        Assert.Equal("line 6, column 3: units[0].parnet: unknown_field", problem.ToString());
    }

    [Fact]
    public void UnknownWord_AndWrongType_AreProblemsWithPositions()
    {
        const string yaml = "name: X\nunits:\n- id: co\n  name: Co\n  kind: division\nownerships: {unit: co}\n";

        var problems = OrgSerializer.FromYaml(yaml).Problems;

        Assert.Equal(2, problems.Count);
        Assert.Equal(new OrgProblem("units[0].kind", CommonCodes.NotOneOf,
            MessageArgs.Of(("value", "division"), ("expected", new[] { "company", "center", "department", "team", "module" })), 5, 9), problems[0]);
        Assert.Equal(new OrgProblem("ownerships", OrgCodes.ExpectedList, MessageArgs.Empty, 6, 13), problems[1]);
    }

    [Fact]
    public void InvalidReferences_AreValidationProblems_LocatedInTheYaml()
    {
        const string yaml = """
            name: X
            units:
            - id: co
              name: Co
              kind: company
            - id: brand
              name: Brand
              kind: department
              parent: mktg
            ownerships:
            - {unit: brand, function: branding, role: responsible}
            """;

        var result = OrgSerializer.FromYaml(yaml);

        Assert.Null(result.Structure);
        Assert.Equal(
            [
                new OrgProblem("units[1].parent", OrgCodes.UnknownUnit, MessageArgs.Of(("unit", "mktg")), 9, 11),
                new OrgProblem("ownerships[0].function", OrgCodes.UnknownFunction, MessageArgs.Of(("function", "branding")), 11, 27),
            ],
            result.Problems);
    }

    [Fact]
    public void MissingRequiredFields_AreProblems()
    {
        var problems = OrgSerializer.FromYaml("units:\n- id: co\n  kind: company\n").Problems;

        Assert.Equal(["name", "units[0].name"], problems.Select(p => p.Path));
        Assert.Equal((OrgCodes.FieldRequired, MessageArgs.Of(("field", "name"))), (problems[0].Code, problems[0].Args));
    }

    [Fact]
    public void DuplicateYamlKey_IsAProblem()
    {
        var problem = Assert.Single(OrgSerializer.FromYaml("name: X\nname: Y\nunits: []\n").Problems);

        Assert.Equal(2, problem.Line);
    }

    [Fact]
    public void MalformedJson_ReportsLineAndColumn()
    {
        const string json = "{\n  \"name\": \"X\",\n  \"units\": [\n    {\"id\": \"co\" \"name\": \"Co\"}\n  ]\n}";

        var problem = Assert.Single(OrgSerializer.FromJson(json).Problems);

        Assert.Equal(4, problem.Line);
        Assert.Equal(17, problem.Column);
        Assert.Equal(OrgCodes.NotValidJson, problem.Code);
        Assert.DoesNotContain("LineNumber", (string?)problem.Args["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public void Json_UnknownFieldAndDuplicateField_AreProblemsWithPaths()
    {
        const string json = """{"name": "X", "name": "Y", "units": [{"id": "co", "name": "Co", "kind": "company", "colour": "red"}]}""";

        var problems = OrgSerializer.FromJson(json).Problems;

        Assert.Equal(["name: field_twice", "units[0].colour: unknown_field"], problems.Select(p => p.ToString()));
        Assert.All(problems, p => Assert.Null(p.Line));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n")]
    public void EmptyFile_IsAProblem(string text)
    {
        Assert.Equal(OrgCodes.FileEmpty, Assert.Single(OrgSerializer.FromYaml(text).Problems).Code);
        Assert.Equal(OrgCodes.FileEmpty, Assert.Single(OrgSerializer.FromJson(text).Problems).Code);
    }

    [Fact]
    public void NotAMapping_IsAProblem() =>
        Assert.Equal(("", OrgCodes.DocumentNotMapping), Assert.Single(OrgSerializer.FromYaml("- a\n- b\n").Problems) is var p ? (p.Path, p.Code) : default);

    [Fact]
    public void NullNeeds_MeansTheDefault()
    {
        var s = OrgSerializer.FromYaml("name: X\nunits:\n- {id: co, name: Co, kind: company}\nneeds: ~\n").Structure;

        Assert.NotNull(s);
        Assert.True(s.NeedsAreDefault);
    }

    [Fact]
    public void EmptyNeeds_IsKept()
    {
        var s = Make([], needs: []);

        Assert.Empty(OrgSerializer.FromYaml(OrgSerializer.ToYaml(s)).Structure!.Needs);
        Assert.Empty(OrgSerializer.FromJson(OrgSerializer.ToJson(s)).Structure!.Needs);
    }

    [Theory]
    [InlineData("org.json", true, OrgFileFormat.Json)]
    [InlineData("org.YAML", true, OrgFileFormat.Yaml)]
    [InlineData("/x/org.yml", true, OrgFileFormat.Yaml)]
    [InlineData("org.txt", false, OrgFileFormat.Yaml)]
    public void FormatOf_FileName(string name, bool known, OrgFileFormat format)
    {
        Assert.Equal(known, OrgSerializer.TryFormatOf(name, out var f));
        if (known)
        {
            Assert.Equal(format, f);
        }
    }
}

public class OrgStructureJsonTests
{
    [Fact]
    public void WebJson_OfTheModel_HasTheFileFields_AndReadsBack()
    {
        var options = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        var s = Orgs.Template("company-b");

        var json = System.Text.Json.JsonSerializer.Serialize(s, options);
        using var doc = System.Text.Json.JsonDocument.Parse(json);

        Assert.Equal(["name", "units", "customFunctions", "ownerships", "kpis", "needs"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("department", doc.RootElement.GetProperty("units")[2].GetProperty("kind").GetString());
        Assert.Equal("responsible", doc.RootElement.GetProperty("ownerships")[0].GetProperty("role").GetString());
        Assert.Equal(s, System.Text.Json.JsonSerializer.Deserialize<OrgStructure>(json, options));
    }
}
