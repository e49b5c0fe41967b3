using System.CommandLine;
using System.Globalization;
using Mercato.Core.Mix;

namespace Mercato.Features.Mix;

/// <summary><c>mercato mix fit|optimize</c>: the marketing mix model on a file or on the workspace.</summary>
internal static class MixCommand
{
    public static Command Create() => new("mix", "Marketing mix model: contributions, ROI and response curves per channel, and budget proposals") { FitCommand(), OptimizeCommand(), MixPlansCommand.Create(), MixEventsCommand.Create() };

    /// <summary>The options that say what to fit, shared by fit and optimize.</summary>
    private sealed class ModelOptions
    {
        public Option<string?> Input { get; } = new("--input") { Description = "A CSV file to fit instead of the workspace (with --date, --target, --channels)" };

        public Option<string> Date { get; } = new("--date") { Description = "The file's column of each period's first day (YYYY-MM-DD)", DefaultValueFactory = _ => "date" };

        public Option<string?> Target { get; } = new("--target") { Description = "The file's outcome column" };

        public Option<string?> Channels { get; } = new("--channels") { Description = "The file's spend columns, comma-separated" };

        public Option<string?> Controls { get; } = new("--controls") { Description = "The file's control columns (events, prices), comma-separated" };

        public Option<string> Outcome { get; } = Words<MixOutcomeKind>("--outcome", "The workspace outcome to explain", "revenue");

        public Option<string> Adstock { get; } = Words<AdstockKind>("--adstock", "Carry-over form", "geometric");

        public Option<string> Saturation { get; } = Words<SaturationKind>("--saturation", "Saturation form", "hill");

        public Option<int?> Holdout { get; } = new("--holdout-weeks") { Description = "Final periods held out to measure the forecast (default: a tenth, at most 13)" };

        public Option<int> Replicates { get; } = new("--replicates") { Description = "Bootstrap replicates behind the intervals", DefaultValueFactory = _ => 100 };

        public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the bootstrap", DefaultValueFactory = _ => 1 };

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
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("fit", "Fit the mix model: per channel contribution, ROI and marginal ROI with 90% intervals, and the fit's quality");
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

            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(MixShapes.Fit(report));
                return 0;
            }

            var fit = report.Fit;
            Console.Out.WriteLine(FormattableString.Invariant(
                $"{fit.Periods.Count} periods of {fit.StepDays} day(s), {fit.Channels.Count} channels; {EnumWords.Word(fit.Options.Adstock)} adstock, {EnumWords.Word(fit.Options.Saturation)} saturation; 90% intervals from {fit.Replicates} bootstrap replicates; {report.Seconds:F1} s"));
            CliContext.WriteTable(
                ["channel", "spend", "contribution", "90% interval", "ROI", "90% interval", "marginal ROI", "current/period"],
                fit.Channels.Select(c => (IReadOnlyList<string>)[
                    c.Channel, N(c.Spend), N(c.Contribution.Value), Range(c.Contribution, 0), R(c.Roi.Value), Range(c.Roi, 2), R(c.MarginalRoi.Value), N(c.CurrentSpend)]),
                new HashSet<int> { 1, 2, 4, 6, 7 });
            Console.Out.WriteLine($"baseline {N(fit.Baseline.Value)} ({Range(fit.Baseline, 0)}); controls {N(fit.ControlsTotal.Value)}{(report.Controls.Count > 0 ? " (" + string.Join(", ", report.Controls) + ")" : "")}");
            var q = fit.Quality;
            Console.Out.WriteLine(FormattableString.Invariant(
                $"fit: R² {q.R2:F3}, MAPE {q.Mape:P1}, NRMSE {q.Nrmse:F3}{(q.HoldoutMape is { } h ? $"; holdout of {q.HoldoutPeriods}: MAPE {h:P1}, R² {q.HoldoutR2:F3}" : "; no holdout")}"));
            foreach (var warning in fit.Warnings.Concat(report.LeftOut))
            {
                Console.Out.WriteLine("note: " + Messages.Text(warning));
            }

            return 0;
        });
        return command;
    }

    private static Command OptimizeCommand()
    {
        var model = new ModelOptions();
        var budget = new Option<double>("--budget") { Description = "The money to plan over the period", Required = true };
        var period = new Option<string>("--period") { Description = "YYYY-MM (a month) or a number of periods (weeks)", DefaultValueFactory = _ => "4" };
        var bounds = new Option<string[]>("--bound") { Description = "CHANNEL=LOW..HIGH over the period; repeat for more channels", AllowMultipleArgumentsPerToken = false };
        var maxChange = new Option<double>("--max-change") { Description = "Largest move of a channel from its current spend, as a share", DefaultValueFactory = _ => 0.3 };
        var objective = Words<MixObjective>("--objective", "What to maximise", "revenue");
        var margin = new Option<double?>("--margin") { Description = "Net return: what each channel keeps of a unit of outcome (default: from the ROI report, revenue − product cost − allocated costs per unit of outcome; 1 for a file)" };
        var save = new Option<bool>("--save-plan") { Description = "Save the proposal as a draft budget plan for the period (see mix plans)" };
        var owner = new Option<string?>("--owner") { Description = "With --save-plan: the unit that owns the budget; a head of it or of a unit above approves" };
        var title = new Option<string?>("--title") { Description = "With --save-plan: the plan's title" };
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("optimize", "Propose spend per channel for a budget, within guard rails, against keeping the current split");
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

            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(MixShapes.Proposal(proposal, saved?.Id));
                return 0;
            }

            Console.Out.WriteLine(FormattableString.Invariant(
                $"budget {proposal.Request.Budget:N0} over {proposal.Request.Periods:0.##} periods; objective {EnumWords.Word(goal)}; no channel moves more than ±{proposal.Request.MaxChange:P0}"));
            CliContext.WriteTable(
                ["channel", "current split", "proposed", "vs current spend", "marginal ROI now", "marginal ROI then", "note"],
                proposal.Channels.Select(c => (IReadOnlyList<string>)[
                    c.Channel, N(c.Current), N(c.Proposed), c.CurrentSpend > 0 ? ((c.Proposed / c.CurrentSpend) - 1).ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture) : "new",
                    R(c.CurrentMarginalRoi), R(c.MarginalRoi), Note(c)]),
                new HashSet<int> { 1, 2, 3, 4, 5 });
            Console.Out.WriteLine(FormattableString.Invariant(
                $"expected outcome {proposal.Outcome.Value:N0} ({proposal.Outcome.Low:N0} to {proposal.Outcome.High:N0}) against {proposal.CurrentOutcome.Value:N0} for the current split; gain {proposal.Gain.Value:N0} ({proposal.Gain.Low:N0} to {proposal.Gain.High:N0})"));
            Console.Out.WriteLine(FormattableString.Invariant(
                $"ROI {proposal.Roi.Value:F2} against {proposal.CurrentRoi.Value:F2}; net return {proposal.NetReturn.Value:N0} against {proposal.CurrentNetReturn.Value:N0}"));
            if (saved is not null)
            {
                Console.Out.WriteLine(FormattableString.Invariant($"saved draft plan {saved.Id} for {saved.From:yyyy-MM-dd} to {saved.To:yyyy-MM-dd}: approve with mix plans approve {saved.Id} --by PERSON"));
            }

            return 0;
        });
        return command;
    }

    private static string Note(MixAllocation c)
    {
        var notes = new List<string>();
        if (c.PeriodsToTarget == -1)
        {
            notes.Add("headed to 0: stepped down over several periods");
        }
        else if (c.PeriodsToTarget > 1)
        {
            notes.Add(FormattableString.Invariant($"target {c.Target:N0}: {c.PeriodsToTarget} periods of moves"));
        }

        if (c.Extrapolating)
        {
            notes.Add("above the highest spend seen: extrapolating");
        }

        return string.Join("; ", notes);
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

    private static Option<string> Words<T>(string name, string description, string fallback)
        where T : struct, Enum
    {
        var option = new Option<string>(name) { Description = description + ": " + string.Join(", ", EnumWords.All<T>()), DefaultValueFactory = _ => fallback };
        option.AcceptOnlyFromAmong([.. EnumWords.All<T>()]);
        return option;
    }

    private static string[] Split(string? list) =>
        list is null ? [] : [.. list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    private static string N(double v) => MixFormat.Number(v);

    private static string R(double v) => MixFormat.Fixed(v);

    /// <summary>"low to high", grouped (0 decimals) or not (more): never "-0".</summary>
    private static string Range(MixInterval i, int decimals) => decimals == 0
        ? MixFormat.Number(i.Low) + " to " + MixFormat.Number(i.High)
        : MixFormat.Fixed(i.Low, decimals) + " to " + MixFormat.Fixed(i.High, decimals);
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
