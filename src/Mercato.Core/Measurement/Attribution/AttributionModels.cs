namespace Mercato.Core.Measurement.Attribution;

/// <summary>The attribution models. Their names on the command line and in reports are given by
/// <see cref="AttributionModels.Name"/>: first, last, last-non-direct, linear, time-decay, position, markov, shapley.</summary>
public enum AttributionModel
{
    /// <summary><see cref="FirstTouch"/>.</summary>
    First,

    /// <summary><see cref="LastTouch"/>.</summary>
    Last,

    /// <summary><see cref="LastNonDirectTouch"/>.</summary>
    LastNonDirect,

    /// <summary><see cref="LinearTouch"/>.</summary>
    Linear,

    /// <summary><see cref="Attribution.TimeDecay"/>; the only model that needs timed paths.</summary>
    TimeDecay,

    /// <summary><see cref="PositionBased"/>.</summary>
    Position,

    /// <summary><see cref="MarkovChain"/>.</summary>
    Markov,

    /// <summary><see cref="ShapleyValue"/>.</summary>
    Shapley,
}

/// <summary>The knobs of the models that have any.</summary>
/// <param name="MarkovOrder">Order of the Markov chain, 1 to <see cref="MarkovChain.MaxOrder"/>.</param>
/// <param name="HalfLifeDays">Half-life of the time-decay weights, in days.</param>
/// <param name="DirectLabels">Labels the last-non-direct model skips, matched ignoring case; null for
/// <see cref="LastNonDirectTouch.DefaultDirectLabels"/> (<c>direct</c>).</param>
public sealed record AttributionOptions(
    int MarkovOrder = 1, double HalfLifeDays = TimeDecay.DefaultHalfLifeDays, IReadOnlySet<string>? DirectLabels = null)
{
    /// <summary>Order 1, half-life 7 days, direct labels {direct}.</summary>
    public static AttributionOptions Default { get; } = new();

    /// <summary>
    /// What is wrong with these options and a journey lookback of <paramref name="lookbackDays"/>, by parameter: the Markov
    /// order from 1 to <see cref="MarkovChain.MaxOrder"/>, a lookback of at least one day, a positive half-life. Every front
    /// door checks a request here, so the bounds are written once.
    /// </summary>
    public IReadOnlyList<Problem> Problems(int lookbackDays)
    {
        var problems = new List<Problem>();
        if (MarkovOrder is < 1 or > MarkovChain.MaxOrder)
        {
            problems.Add(Problem.Of("order", AttributionCodes.OrderOutOfRange, ("value", MarkovOrder), ("min", 1), ("max", MarkovChain.MaxOrder)));
        }

        if (lookbackDays < 1)
        {
            problems.Add(Problem.Of("lookbackDays", AttributionCodes.LookbackOutOfRange, ("value", lookbackDays)));
        }

        if (!(HalfLifeDays > 0) || double.IsInfinity(HalfLifeDays))
        {
            problems.Add(Problem.Of("halfLifeDays", AttributionCodes.HalfLifeOutOfRange, ("value", HalfLifeDays)));
        }

        return problems;
    }
}

/// <summary>The codes of attribution requests.</summary>
public static class AttributionCodes
{
    /// <summary>A Markov order (<c>value</c>) outside <c>min</c>..<c>max</c>.</summary>
    public const string OrderOutOfRange = "markov_order_out_of_range";

    /// <summary>A lookback (<c>value</c> days) below one day.</summary>
    public const string LookbackOutOfRange = "lookback_out_of_range";

    /// <summary>A time-decay half-life (<c>value</c> days) that is not a positive number.</summary>
    public const string HalfLifeOutOfRange = "half_life_out_of_range";

    /// <summary>A model name (<c>value</c>) that is not one of the models (<c>expected</c>).</summary>
    public const string UnknownModel = "unknown_model";
}

/// <summary>
/// The one entry point to the attribution models: runs a model by name, and names and describes the models for the
/// command line, the API and the pages. Every model credits conversions and revenue to the labels of the paths (channels
/// or campaigns alike); the credits sum to the totals, are sorted by label (ordinal), and list every label that occurs
/// in the input, with zero where a model gives it nothing.
/// </summary>
public static class AttributionModels
{
    private static readonly (AttributionModel Model, string Name, string Description)[] Catalog =
    [
        (AttributionModel.First, FirstTouch.Name,
            "Gives each conversion wholly to the first touch of its journey, so it rewards the channels that start journeys and create awareness. " +
            "Distrust it when journeys are long or the lookback window cuts off their true beginning, because it ignores everything after the first touch."),
        (AttributionModel.Last, LastTouch.Name,
            "Gives each conversion wholly to the last touch before it, so it rewards the channels that close sales. " +
            "Distrust it for awareness channels, which it starves, and when a habitual last step such as a direct visit or a brand search only harvests demand that others created."),
        (AttributionModel.LastNonDirect, LastNonDirectTouch.Name,
            "Gives each conversion to the last touch that is not a direct visit, so it rewards the last channel that actively brought the buyer back. " +
            "Distrust it as you would last touch, and when direct visits are themselves the work of owned channels such as email or the app."),
        (AttributionModel.Linear, LinearTouch.Name,
            "Splits each conversion equally over every touch of its journey, repeats included, so it rewards channels by how often they touch converting journeys. " +
            "Distrust it when some touches are cheap and frequent, such as retargeting or email, because it credits frequency rather than influence and never looks at journeys that did not convert."),
        (AttributionModel.TimeDecay, TimeDecay.Name,
            "Splits each conversion over its touches with weights that halve every half-life (7 days by default) before the conversion, so it rewards the touches closest to the sale while still crediting earlier ones. " +
            "Distrust it for long consideration cycles and awareness channels, and remember the half-life is a choice, not something learned from the data."),
        (AttributionModel.Position, PositionBased.Name,
            "Gives 40% of each conversion to the first touch, 40% to the last and spreads 20% over the touches between, so it rewards the channels that open and close journeys. " +
            "Distrust it because the 40/20/40 split is a convention rather than evidence, and middle touches that do real work are undervalued."),
        (AttributionModel.Markov, MarkovChain.Name,
            "Learns from converting and non-converting journeys how likely each next step is, and credits each channel by its removal effect: how much the probability of conversion drops when journeys that reach it are lost. " +
            "Distrust it with little data or many rare paths (especially at order 2 or 3), and remember it measures association along journeys, not the causal lift an experiment would show."),
        (AttributionModel.Shapley, ShapleyValue.Name,
            "Treats channels as players whose coalition is worth the conversions of journeys that used only its channels, and gives each its average marginal contribution, which for this game splits each journey equally among its distinct channels. " +
            "Distrust it as you would linear, since it ignores order, repeats and journeys that did not convert, and because fairness among channels is not the causal effect of spending on them."),
    ];

    /// <summary>All models, in the order of <see cref="AttributionModel"/>.</summary>
    public static IReadOnlyList<AttributionModel> All { get; } = Catalog.Select(c => c.Model).ToArray();

    /// <summary>The model's name on the command line and in reports (e.g. <c>last-non-direct</c>).</summary>
    public static string Name(AttributionModel model) => Entry(model).Name;

    /// <summary>What the model rewards and when to distrust it, in two sentences.</summary>
    public static string Describe(AttributionModel model) => Entry(model).Description;

    /// <summary>The model named <paramref name="name"/> (ignoring case and surrounding spaces), if there is one.</summary>
    public static bool TryParse(string? name, out AttributionModel model)
    {
        var trimmed = name?.Trim();
        foreach (var entry in Catalog)
        {
            if (string.Equals(entry.Name, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                model = entry.Model;
                return true;
            }
        }

        model = default;
        return false;
    }

    /// <summary>The model named <paramref name="name"/>; throws <see cref="FormatException"/> listing the names otherwise.</summary>
    public static AttributionModel Parse(string name) => TryParse(name, out var model)
        ? model
        : throw new FormatException(
            $"Unknown attribution model '{name}'. Use one of: {string.Join(", ", Catalog.Select(c => c.Name))}.");

    /// <summary>
    /// Runs <paramref name="model"/>. Time decay reads <paramref name="timedPaths"/> (and needs them); every other model
    /// reads <paramref name="paths"/>.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="paths">Journey paths with conversions, revenue and non-conversions.</param>
    /// <param name="timedPaths">Converting journeys with each touch's age, for time decay; may be null for the others.</param>
    /// <param name="options">Markov order, half-life, direct labels; null for <see cref="AttributionOptions.Default"/>.</param>
    public static AttributionResult Attribute(
        AttributionModel model,
        IReadOnlyList<JourneyPath> paths,
        IReadOnlyList<TimedPath>? timedPaths = null,
        AttributionOptions? options = null)
    {
        options ??= AttributionOptions.Default;
        if (model == AttributionModel.TimeDecay)
        {
            return timedPaths is null
                ? throw new ArgumentException(
                    "The time-decay model needs timed paths (each touch's age at its conversion); pass them as timedPaths.",
                    nameof(timedPaths))
                : TimeDecay.Attribute(timedPaths, options.HalfLifeDays);
        }

        ArgumentNullException.ThrowIfNull(paths);
        return model switch
        {
            AttributionModel.First => FirstTouch.Attribute(paths),
            AttributionModel.Last => LastTouch.Attribute(paths),
            AttributionModel.LastNonDirect => LastNonDirectTouch.Attribute(paths, options.DirectLabels),
            AttributionModel.Linear => LinearTouch.Attribute(paths),
            AttributionModel.Position => PositionBased.Attribute(paths),
            AttributionModel.Markov => MarkovChain.Attribute(paths, options.MarkovOrder),
            AttributionModel.Shapley => ShapleyValue.Attribute(paths),
            _ => throw new ArgumentOutOfRangeException(nameof(model), model, "Unknown attribution model."),
        };
    }

    private static (AttributionModel Model, string Name, string Description) Entry(AttributionModel model) =>
        Enum.IsDefined(model)
            ? Catalog[(int)model]
            : throw new ArgumentOutOfRangeException(nameof(model), model, "Unknown attribution model.");
}
