using Mercato.Core.Measurement.Attribution;

namespace Mercato.Features.Measurement;

/// <summary>
/// The words of what Core names in English for measurement (the models, their descriptions, the guidance levels, the
/// cost-allocation and guidance rules) in the language in effect; JSON keeps Core's names and sentences.
/// </summary>
internal static class MeasurementWords
{
    /// <summary>A model's name for people (末次触点, 马尔可夫链, ...); the name itself for an unknown one.</summary>
    public static string Model(string name) => Of("measurement.model." + Slug(name), name);

    /// <summary>What <paramref name="model"/> rewards and when to distrust it.</summary>
    public static string Description(AttributionModel model) =>
        Of("measurement.model_desc." + Slug(AttributionModels.Name(model)), AttributionModels.Describe(model));

    /// <summary>
    /// An enum word of a measurement or mix record (a guidance level, a plan status): the glossary's words when it has
    /// them (<see cref="Terms"/>), else the catalogue's <c>{prefix}.term.{kind}.{word}</c>, else the word.
    /// </summary>
    public static string Term(string prefix, string kind, string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return Words.Template(Terms.Key(kind, word)) is not null ? Terms.Of(kind, word, word) : Of(prefix + ".term." + kind + "." + Slug(word), word);
    }

    /// <summary>How costs without a channel are spread (Core's <c>CostAllocation.Rule</c>).</summary>
    public static string AllocationRule => Words.W("measurement.rule.cost_allocation");

    /// <summary>What a cohort's acquisition cost is (<see cref="MeasurementUseCases.AcquisitionCostRule"/>).</summary>
    public static string AcquisitionCostRule => Words.W("measurement.rule.acquisition_cost");

    /// <summary>The guidance rules (Core's <c>Guidance.Rules</c>).</summary>
    public static string GuidanceRules => Words.W("measurement.rule.guidance");

    private static string Of(string key, string fallback) => Words.Template(key) is null ? fallback : Words.W(key);

    private static string Slug(string word) => word.Replace('-', '_');
}
