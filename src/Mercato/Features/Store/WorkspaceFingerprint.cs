using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Mercato.Core.Measurement.Attribution;
using Mercato.Features.Campaigns;
using Mercato.Features.Imports;
using Mercato.Features.Measurement;
using Mercato.Features.Organization;
using Mercato.Features.Settings;
using Mercato.Features.Targets;

namespace Mercato.Features.Store;

/// <summary>
/// What a workspace shows its users, as one set of named JSON values computed through the use cases: the sources (rows and days held per kind), every
/// attribution model, ROI, KPIs, cohorts, every campaign's evaluation, the brand board, and the documents (settings,
/// structure, targets, people, squads and campaigns). Two stores hold the same workspace when their fingerprints are
/// equal (<see cref="Differences"/>): money (decimal) exactly, ratios (double) to 1e-9.
/// </summary>
public static class WorkspaceFingerprint
{
    /// <summary>The relative tolerance of a double.</summary>
    public const double Tolerance = 1e-9;

    // Decimals are written as strings so that the comparison knows them from doubles and compares them exactly.
    private static readonly JsonSerializerOptions Json = CreateOptions();

    /// <summary>The fingerprint of the workspace <paramref name="services"/> serve, by name.</summary>
    public static async Task<IReadOnlyList<(string Name, JsonNode? Value)>> ComputeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var measurement = services.GetRequiredService<MeasurementUseCases>();
        var organization = services.GetRequiredService<OrganizationUseCases>();
        var campaigns = services.GetRequiredService<CampaignUseCases>();
        // What the data center holds, without when it was imported: two stores loaded from the same files at different
        // times hold the same workspace.
        var sources = Node(await services.GetRequiredService<ImportUseCases>().SourcesAsync(cancellationToken).ConfigureAwait(false));
        foreach (var kind in sources?["kinds"]?.AsArray() ?? [])
        {
            kind?.AsObject().Remove("lastImport");
        }

        var parts = new List<(string, JsonNode?)> { ("sources", sources) };
        foreach (var model in AttributionModels.All)
        {
            var report = await measurement.AttributionAsync(new AttributionRequest(model), cancellationToken).ConfigureAwait(false);
            parts.Add(("attribution " + AttributionModels.Name(model), Node(report.Value)));
        }

        parts.Add(("roi", Node((await measurement.RoiAsync(new RoiRequest(), cancellationToken).ConfigureAwait(false)).Value)));
        var period = await organization.DefaultPeriodAsync(cancellationToken).ConfigureAwait(false);
        parts.Add(("kpis " + period, Node(await organization.ScorecardAsync(period, null, cancellationToken).ConfigureAwait(false))));
        parts.Add(("cohorts", Node(await measurement.CohortsAsync(cancellationToken).ConfigureAwait(false))));
        foreach (var campaign in await campaigns.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var evaluation = await campaigns.EvaluateAsync(campaign.Id, null, CampaignUseCases.DefaultModel, cancellationToken).ConfigureAwait(false);
            parts.Add(("evaluation " + campaign.Id, evaluation.Value is { } e ? Node(e) : JsonValue.Create(evaluation.Code)));
        }

        var brand = await campaigns.BrandBoardAsync(null, null, cancellationToken).ConfigureAwait(false);
        parts.Add(("brand " + brand.Value?.Board.Window, brand.Value is { } b ? Node(b) : JsonValue.Create(brand.Code)));
        parts.Add(("settings", Node((await services.GetRequiredService<SettingsUseCases>().GetAsync(cancellationToken).ConfigureAwait(false))?.Value)));
        parts.Add(("organization", Node(await organization.StructureAsync(cancellationToken).ConfigureAwait(false))));
        parts.Add(("targets", Node(await services.GetRequiredService<TargetUseCases>().ListAsync(null, null, null, cancellationToken).ConfigureAwait(false))));
        parts.Add(("workspace", Node(await campaigns.ExportAsync(cancellationToken).ConfigureAwait(false))));
        return parts;
    }

    /// <summary>Where two fingerprints differ, one line each (<c>name: path: a ≠ b</c>); empty when they are equal.</summary>
    public static IReadOnlyList<string> Differences(IReadOnlyList<(string Name, JsonNode? Value)> a, IReadOnlyList<(string Name, JsonNode? Value)> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var differences = new List<string>();
        var right = b.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        foreach (var (name, value) in a)
        {
            if (!right.Remove(name, out var other))
            {
                differences.Add($"{name}: only in the first");
                continue;
            }

            Compare(name, value, other, differences);
        }

        differences.AddRange(right.Keys.Select(name => $"{name}: only in the second"));
        return differences;
    }

    private static void Compare(string path, JsonNode? a, JsonNode? b, List<string> differences)
    {
        switch (a, b)
        {
            case (null, null):
                return;
            case (JsonObject x, JsonObject y):
                foreach (var (key, value) in x)
                {
                    Compare(path + "." + key, value, y[key], differences);
                }

                differences.AddRange(y.Where(p => !x.ContainsKey(p.Key)).Select(p => $"{path}.{p.Key}: only in the second"));
                return;
            case (JsonArray x, JsonArray y):
                if (x.Count != y.Count)
                {
                    differences.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: {x.Count} items ≠ {y.Count}"));
                    return;
                }

                for (var i = 0; i < x.Count; i++)
                {
                    Compare(string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), x[i], y[i], differences);
                }

                return;
            case (JsonValue x, JsonValue y) when x.GetValueKind() == JsonValueKind.Number && y.GetValueKind() == JsonValueKind.Number:
                var (p, q) = (x.GetValue<double>(), y.GetValue<double>());
                if (!Close(p, q))
                {
                    differences.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: {p:R} ≠ {q:R}"));
                }

                return;
            default:
                if (!JsonNode.DeepEquals(a, b))
                {
                    differences.Add($"{path}: {a?.ToJsonString() ?? "null"} ≠ {b?.ToJsonString() ?? "null"}");
                }

                return;
        }
    }

    /// <summary>Equal to <see cref="Tolerance"/> relative to the larger magnitude (absolute below 1).</summary>
    public static bool Close(double a, double b) => a.Equals(b) || Math.Abs(a - b) <= Tolerance * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

    private static JsonNode? Node<T>(T value) => JsonSerializer.SerializeToNode(value, Json);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(MercatoJson.Compact);
        options.Converters.Add(new ExactDecimal());
        return options;
    }

    private sealed class ExactDecimal : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            decimal.Parse(reader.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture);

        // Normalized (1.50 and 1.5 are the same money): a provider may keep another scale.
        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteStringValue((value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture));
    }
}
