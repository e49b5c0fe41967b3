using System.CommandLine;
using System.Globalization;
using Mercato.Core.Mix;

namespace Mercato.Features.Mix;

/// <summary><c>mercato mix fit|optimize</c>: the marketing mix model on a file or on the workspace.</summary>
internal static class MixCommand
{
    public static Command Create() => new("mix", Words.W("mix.cli.description")) { FitCommand(), OptimizeCommand(), MixPlansCommand.Create(), MixEventsCommand.Create() };

    /// <summary>The options that say what to fit, shared by fit and optimize.</summary>
    private sealed class ModelOptions
    {
        public Option<string?> Input { get; } = new("--input") { Description = Words.W("mix.cli.option_input") };

        public Option<string> Date { get; } = new("--date") { Description = Words.W("mix.cli.option_date"), DefaultValueFactory = _ => "date" };

        public Option<string?> Target { get; } = new("--target") { Description = Words.W("mix.cli.option_target") };

        public Option<string?> Channels { get; } = new("--channels") { Description = Words.W("mix.cli.option_channels") };

        public Option<string?> Controls { get; } = new("--controls") { Description = Words.W("mix.cli.option_controls") };

        public Option<string> Outcome { get; } = Choice<MixOutcomeKind>("--outcome", "mix.cli.option_outcome", "revenue");

        public Option<string> Adstock { get; } = Choice<AdstockKind>("--adstock", "mix.cli.option_adstock", "geometric");

        public Option<string> Saturation { get; } = Choice<SaturationKind>("--saturation", "mix.cli.option_saturation", "hill");

        public Option<int?> Holdout { get; } = new("--holdout-weeks") { Description = Words.W("mix.cli.option_holdout") };

        public Option<int> Replicates { get; } = new("--replicates") { Description = Words.W("mix.cli.option_replicates"), DefaultValueFactory = _ => 100 };

        public Option<int> Seed { get; } = new("--seed") { Description = Words.W("mix.cli.option_seed"), DefaultValueFactory = _ => 1 };

        public IEnumerable<Option> All => [Input, Date, Target, Channels, Controls, Outcome, Adstock, Saturation, Holdout, Replicates, Seed];

        public MixOptions Options(ParseResult result)
        {
            EnumWords.TryParse<AdstockKind>(result.GetValue(Adstock), out var adstock);
            EnumWords.TryParse<SaturationKind>(result.GetValue(Saturation), out var saturation);
            return new MixOptions
            {
                Adstock = adstock,
                Saturation = saturation,
                HoldoutPeriods = result.GetValue(Holdout),
                Replicates = result.GetValue(Replicates),
                Seed = result.GetValue(Seed),
            };
        }

        /// <summary>Fits what the options name; a null report after writing why, with the exit code.</summary>
        public async Task<(MixReport? Report, int Exit)> FitAsync(ParseResult result, IServiceProvider services, CancellationToken cancellationToken)
        {
            var useCases = services.GetRequiredService<MixUseCases>();
            var options = Options(result);
            Outcome<MixReport> outcome;
            if (result.GetValue(Input) is { } path)
            {
                if (result.GetValue(Target) is not { Length: > 0 } target || result.GetValue(Channels) is not { Length: > 0 } channels)
                {
                    return (null, CliContext.Invalid(MixCliCodes.FileNeedsColumns));
                }

                if (!File.Exists(path))
                {
                    return (null, CliContext.Invalid(MixCliCodes.NoSuchFile, ("path", path)));
                }

                var columns = new MixFileColumns(result.GetValue(Date)!, target, Split(channels), Split(result.GetValue(Controls)));
                await using var stream = File.OpenRead(path);
                outcome = useCases.FitFile(stream, columns, options, cancellationToken);
            }
            else
            {
                EnumWords.TryParse<MixOutcomeKind>(result.GetValue(Outcome), out var kind);
                outcome = await useCases.FitWorkspaceAsync(kind, options, cancellationToken).ConfigureAwait(false);
            }

            return outcome.Value is { } report ? (report, 0) : (null, CliContext.Fail(outcome));
        }
    }

    private static Command FitCommand()
    {
        var model = new ModelOptions();
        var format = CliContext.TableFormatOption();
        var command = new Command("fit", Words.W("mix.cli.fit.description"));
        foreach (var option in model.All.Append(format))
        {
            command.Options.Add(option);
        }

        command.SetAction(async (result, services, cancellationToken) =>
        {
            var (report, exit) = await model.FitAsync(result, services, cancellationToken).ConfigureAwait(false);
            if (report is null)
            {
                return exit;
            }

            var shown = result.GetValue(format)!;
            if (shown == "json")
            {
                CliContext.WriteJson(MixShapes.Fit(report));
                return 0;
            }

            var fit = report.Fit;
            if (shown == "table")
            {
                Console.Out.WriteLine(Words.W(
                    "mix.cli.fit.summary",
                    ("periods", (long)fit.Periods.Count), ("days", (long)fit.StepDays), ("channels", (long)fit.Channels.Count), ("adstock", MixWords.Of(fit.Options.Adstock)),
                    ("saturation", MixWords.Of(fit.Options.Saturation)), ("replicates", (long)fit.Replicates), ("seconds", report.Seconds)));
            }

            var written = CliContext.WriteShown(
                result,
                shown,
                "mix-fit",
                [
                    Words.W("mix.cli.col_channel"), Words.W("mix.cli.col_spend", ("currency", Figures.Currency)), Words.W("mix.cli.col_contribution"), Words.W("mix.cli.col_interval"),
                    "ROI", Words.W("mix.cli.col_interval"), Words.W("mix.cli.col_marginal_roi"), Words.W("mix.cli.col_current_period", ("currency", Figures.Currency)),
                ],
                fit.Channels.Select(c => (IReadOnlyList<string>)[
                    c.Channel, N(c.Spend), N(c.Contribution.Value), Range(c.Contribution, 0), R(c.Roi.Value), Range(c.Roi, 2), R(c.MarginalRoi.Value), N(c.CurrentSpend)]),
                new HashSet<int> { 1, 2, 4, 6, 7 });
            if (shown != "table")
            {
                return written;
            }

            Console.Out.WriteLine(Words.W(
                "mix.cli.fit.baseline",
                ("baseline", N(fit.Baseline.Value)), ("range", Range(fit.Baseline, 0)), ("controls", N(fit.ControlsTotal.Value)),
                ("names", report.Controls.Count > 0 ? string.Join(", ", report.Controls) : null)));
            var q = fit.Quality;
            Console.Out.WriteLine(Words.W(
                "mix.cli.fit.quality",
                ("r2", q.R2), ("mape", q.Mape), ("nrmse", q.Nrmse), ("holdout", q.HoldoutMape is null ? null : (long)q.HoldoutPeriods), ("holdout_mape", q.HoldoutMape),
                ("holdout_r2", q.HoldoutR2)));
            foreach (var warning in fit.Warnings.Concat(report.LeftOut))
            {
                Console.Out.WriteLine(Words.W("mix.cli.note", ("text", Messages.Text(warning))));
            }

            return written;
        });
        return command;
    }

    private static Command OptimizeCommand()
    {
        var model = new ModelOptions();
        var budget = new Option<double>("--budget") { Description = Words.W("mix.cli.option_budget"), Required = true };
        var period = new Option<string>("--period") { Description = Words.W("mix.cli.option_period"), DefaultValueFactory = _ => "4" };
        var bounds = new Option<string[]>("--bound") { Description = Words.W("mix.cli.option_bound"), AllowMultipleArgumentsPerToken = false };
        var maxChange = new Option<double>("--max-change") { Description = Words.W("mix.cli.option_max_change"), DefaultValueFactory = _ => 0.3 };
        var objective = Choice<MixObjective>("--objective", "mix.cli.option_objective", "revenue");
        var margin = new Option<double?>("--margin") { Description = Words.W("mix.cli.option_margin") };
        var save = new Option<bool>("--save-plan") { Description = Words.W("mix.cli.option_save_plan") };
        var owner = new Option<string?>("--owner") { Description = Words.W("mix.cli.option_owner") };
        var title = new Option<string?>("--title") { Description = Words.W("mix.cli.option_title") };
        var format = CliContext.TableFormatOption();
        var command = new Command("optimize", Words.W("mix.cli.optimize.description"));
        foreach (var option in model.All.Concat([budget, period, bounds, maxChange, objective, margin, save, owner, title, format]))
        {
            command.Options.Add(option);
        }

        command.SetAction(async (result, services, cancellationToken) =>
        {
            var parsedBounds = new List<MixBound>();
            foreach (var text in result.GetValue(bounds) ?? [])
            {
                if (ParseBound(text) is not { } bound)
                {
                    return CliContext.Invalid(MixCliCodes.BadBoundText, ("value", text));
                }

                parsedBounds.Add(bound);
            }

            var (report, exit) = await model.FitAsync(result, services, cancellationToken).ConfigureAwait(false);
            if (report is null)
            {
                return exit;
            }

            EnumWords.TryParse<MixObjective>(result.GetValue(objective), out var goal);
            var outcome = await services.GetRequiredService<MixUseCases>().ProposeAsync(
                report, result.GetValue(budget), result.GetValue(period)!, parsedBounds, result.GetValue(maxChange), goal, result.GetValue(margin), cancellationToken).ConfigureAwait(false);
            if (outcome.Value is not { } proposal)
            {
                return CliContext.Fail(outcome);
            }

            MixPlan? saved = null;
            if (result.GetValue(save))
            {
                if (result.GetValue(owner) is not { Length: > 0 } unit)
                {
                    return CliContext.Invalid(MixCliCodes.PlanNeedsOwner);
                }

                var dates = MixPlanUseCases.PlanningDates(result.GetValue(period)!, report.Fit)!.Value;
                var plan = await services.GetRequiredService<MixPlanUseCases>().SaveAsync(
                    report, proposal, dates, result.GetValue(title) ?? MixPlanUseCases.DefaultTitle(dates), unit, cancellationToken).ConfigureAwait(false);
                if (plan.Value is null)
                {
                    return CliContext.Fail(plan);
                }

                saved = plan.Value;
            }

            var shown = result.GetValue(format)!;
            if (shown == "json")
            {
                CliContext.WriteJson(MixShapes.Proposal(proposal, saved?.Id));
                return 0;
            }

            if (shown == "table")
            {
                Console.Out.WriteLine(Words.W(
                    "mix.cli.optimize.summary",
                    ("budget", proposal.Request.Budget), ("periods", proposal.Request.Periods), ("objective", MixWords.Of(goal)), ("max", proposal.Request.MaxChange)));
            }

            var written = CliContext.WriteShown(
                result,
                shown,
                "mix-proposal",
                [
                    Words.W("mix.cli.col_channel"), Words.W("mix.cli.col_current_split", ("currency", Figures.Currency)), Words.W("mix.cli.col_proposed", ("currency", Figures.Currency)),
                    Words.W("mix.cli.col_vs_current"), Words.W("mix.cli.col_marginal_now"), Words.W("mix.cli.col_marginal_then"), Words.W("mix.cli.col_note"),
                ],
                proposal.Channels.Select(c => (IReadOnlyList<string>)[
                    c.Channel, N(c.Current), N(c.Proposed),
                    c.CurrentSpend > 0 ? ((c.Proposed / c.CurrentSpend) - 1).ToString("+0.0%;-0.0%;0.0%", CultureInfo.CurrentCulture) : Words.W("mix.page.new"),
                    R(c.CurrentMarginalRoi), R(c.MarginalRoi), Note(c)]),
                new HashSet<int> { 1, 2, 3, 4, 5 });
            if (shown != "table")
            {
                return written;
            }

            Console.Out.WriteLine(Words.W(
                "mix.cli.optimize.outcome",
                ("outcome", proposal.Outcome.Value), ("low", proposal.Outcome.Low), ("high", proposal.Outcome.High), ("current", proposal.CurrentOutcome.Value),
                ("gain", proposal.Gain.Value), ("gain_low", proposal.Gain.Low), ("gain_high", proposal.Gain.High)));
            Console.Out.WriteLine(Words.W(
                "mix.cli.optimize.roi",
                ("roi", proposal.Roi.Value), ("current_roi", proposal.CurrentRoi.Value), ("net", proposal.NetReturn.Value), ("current_net", proposal.CurrentNetReturn.Value)));
            if (saved is not null)
            {
                Console.Out.WriteLine(Words.W("mix.cli.optimize.saved", ("id", saved.Id), ("from", saved.From), ("to", saved.To)));
            }

            return written;
        });
        return command;
    }

    private static string Note(MixAllocation c)
    {
        var notes = new List<string>();
        if (c.PeriodsToTarget == -1)
        {
            notes.Add(Words.W("mix.cli.note_to_zero"));
        }
        else if (c.PeriodsToTarget > 1)
        {
            notes.Add(Words.W("mix.cli.note_target", ("target", c.Target), ("periods", (long)c.PeriodsToTarget)));
        }

        if (c.Extrapolating)
        {
            notes.Add(Words.W("mix.cli.note_extrapolating"));
        }

        return string.Join(MixWords.Separator, notes);
    }

    /// <summary><c>CHANNEL=LOW..HIGH</c>, or null.</summary>
    internal static MixBound? ParseBound(string text)
    {
        var eq = text.LastIndexOf('=');
        var dots = text.IndexOf("..", StringComparison.Ordinal);
        if (eq <= 0 || dots < eq)
        {
            return null;
        }

        return double.TryParse(text.AsSpan(eq + 1, dots - eq - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var low)
            && double.TryParse(text.AsSpan(dots + 2), NumberStyles.Float, CultureInfo.InvariantCulture, out var high)
            ? new MixBound(text[..eq], low, high)
            : null;
    }

    /// <summary>An option that takes one of <typeparamref name="T"/>'s words; its description (<paramref name="key"/>) lists them as <c>{words}</c>.</summary>
    private static Option<string> Choice<T>(string name, string key, string fallback)
        where T : struct, Enum
    {
        var option = new Option<string>(name) { Description = Words.W(key, ("words", string.Join(", ", EnumWords.All<T>()))), DefaultValueFactory = _ => fallback };
        option.AcceptOnlyFromAmong([.. EnumWords.All<T>()]);
        return option;
    }

    private static string[] Split(string? list) =>
        list is null ? [] : [.. list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    private static string N(double v) => MixFormat.Number(v);

    private static string R(double v) => MixFormat.Fixed(v);

    /// <summary>"low to high", grouped (0 decimals) or not (more): never "-0".</summary>
    private static string Range(MixInterval i, int decimals) => decimals == 0
        ? Words.W("mix.cli.range", ("low", MixFormat.Number(i.Low)), ("high", MixFormat.Number(i.High)))
        : Words.W("mix.cli.range", ("low", MixFormat.Fixed(i.Low, decimals)), ("high", MixFormat.Fixed(i.High, decimals)));
}

/// <summary>The codes of the mix commands' own input.</summary>
public static class MixCliCodes
{
    /// <summary>--input without --target and --channels.</summary>
    public const string FileNeedsColumns = "mix_file_needs_columns";

    /// <summary>No file at <c>path</c>.</summary>
    public const string NoSuchFile = "mix_no_such_file";

    /// <summary>A --bound (<c>value</c>) not of the form CHANNEL=LOW..HIGH.</summary>
    public const string BadBoundText = "mix_bound_text";

    /// <summary>A --period (<c>value</c>) that is neither YYYY-MM nor a positive number.</summary>
    public const string BadPeriod = "mix_bad_period";

    /// <summary>--save-plan without --owner.</summary>
    public const string PlanNeedsOwner = "mix_plan_needs_owner";
}
