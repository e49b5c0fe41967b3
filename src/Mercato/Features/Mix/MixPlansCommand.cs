using System.CommandLine;
using System.Globalization;
using Mercato.Core.Mix;

namespace Mercato.Features.Mix;

/// <summary><c>mercato mix plans</c>: budget plans from draft to review, and the accuracy of past forecasts.</summary>
internal static class MixPlansCommand
{
    public static Command Create()
    {
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("plans", "Budget plans saved from proposals (mix optimize --save-plan): list, show, approve, start, review, remove, to-campaign")
        {
            format,
            Show(), Approve(), Start(), Review(), Remove(), ToCampaign(),
        };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var book = await services.GetRequiredService<MixPlanUseCases>().ListAsync(cancellationToken).ConfigureAwait(false);
            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(MixShapes.Book(book));
                return 0;
            }

            CliContext.WriteTable(
                ["plan", "version", "status", "owner", "period", "budget", "forecast", "90% interval", "measured", "inside"],
                book.Plans.Select(v => (IReadOnlyList<string>)[
                    v.Value.Id, I(v.Version), EnumWords.Word(v.Value.Status), v.Value.Owner, Period(v.Value), N(v.Value.Planned), N(v.Value.Forecast.Value),
                    N(v.Value.Forecast.Low) + " to " + N(v.Value.Forecast.High),
                    v.Value.Review is { } r ? N(r.MeasuredMedia) : "", v.Value.Review is { } r2 ? (r2.MediaInside ? "yes" : "no") : ""]),
                new HashSet<int> { 1, 5, 6, 8 });
            Console.Out.WriteLine(Accuracy(book.Accuracy));
            return 0;
        });
        return command;
    }

    /// <summary>The accuracy line: what past forecasts say about the next one.</summary>
    internal static string Accuracy(MixPlanAccuracy a) => a.Reviewed == 0
        ? "no plan reviewed yet: the accuracy of forecasts shows once a plan's period is over and reviewed"
        : FormattableString.Invariant(
            $"past forecasts: {a.Reviewed} plan(s) reviewed; {a.Inside} of {a.Lines} channel forecasts inside their 90% interval ({a.InsideShare:P0}); median media outcome error {a.MedianMediaError:P1}; median spend error {a.MedianSpendError:P1}");

    private static Command Show()
    {
        var id = new Argument<string>("id") { Description = "The plan's id" };
        var format = CliContext.FormatOption("table", "json");
        var command = new Command("show", "One plan: its lines, approval and review") { id, format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var found = await services.GetRequiredService<MixPlanUseCases>().GetAsync(result.GetValue(id)!, cancellationToken).ConfigureAwait(false);
            if (found.Value is not { } v)
            {
                return CliContext.Fail(found);
            }

            if (result.GetValue(format) == "json")
            {
                CliContext.WriteJson(MixShapes.Plan(v));
                return 0;
            }

            Write(v.Value, v.Version);
            return 0;
        });
        return command;
    }

    private static Command Approve()
    {
        var id = new Argument<string>("id") { Description = "The plan's id" };
        var by = new Option<string>("--by") { Description = "The approving person's id: a head of the owning unit or of a unit above it", Required = true };
        var note = new Option<string?>("--note") { Description = "What the approver says" };
        var ifVersion = CliContext.IfVersionOption("plan");
        var command = new Command("approve", "Approve a draft as its budget owner") { id, by, note, ifVersion };
        command.SetAction((result, services, cancellationToken) => Step(
            services, u => u.ApproveAsync(result.GetValue(id)!, result.GetValue(by)!, result.GetValue(note), result.GetValue(ifVersion), cancellationToken)));
        return command;
    }

    private static Command Start() =>
        Simple("start", "Put an approved plan in effect (from its first day)", (u, id, version, ct) => u.StartAsync(id, version, ct));

    private static Command Review() =>
        Simple("review", "Review a plan in effect once its period is over and its data in: forecast against actual, the model refitted", (u, id, version, ct) => u.ReviewAsync(id, version, ct));

    /// <summary>A step that takes the plan's id and the version read, and prints the plan it leaves.</summary>
    private static Command Simple(string name, string description, Func<MixPlanUseCases, string, long?, CancellationToken, Task<Outcome<MixPlan>>> step)
    {
        var id = new Argument<string>("id") { Description = "The plan's id" };
        var ifVersion = CliContext.IfVersionOption("plan");
        var command = new Command(name, description) { id, ifVersion };
        command.SetAction((result, services, cancellationToken) => Step(services, u => step(u, result.GetValue(id)!, result.GetValue(ifVersion), cancellationToken)));
        return command;
    }

    private static Command Remove()
    {
        var id = new Argument<string>("id") { Description = "The plan's id" };
        var ifVersion = CliContext.IfVersionOption("plan");
        var command = new Command("remove", "Remove a draft") { id, ifVersion };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var removed = await services.GetRequiredService<MixPlanUseCases>().RemoveAsync(result.GetValue(id)!, result.GetValue(ifVersion), cancellationToken).ConfigureAwait(false);
            if (!removed.IsOk)
            {
                return CliContext.Fail(removed);
            }

            Console.Out.WriteLine("removed plan " + removed.Value!.Id);
            return 0;
        });
        return command;
    }

    private static Command ToCampaign()
    {
        var id = new Argument<string>("id") { Description = "The plan's id" };
        var campaign = new Option<string>("--campaign") { Description = "The campaign the plan funds", Required = true };
        var channels = new Option<string?>("--channels") { Description = "Only these channels, comma-separated (default: every channel with planned spend)" };
        var share = new Option<double>("--share") { Description = "The share of the plan's amounts the campaign takes, above 0 and at most 1", DefaultValueFactory = _ => 1 };
        var command = new Command("to-campaign", "Fund a campaign with channel budget lines from an approved plan (its own lines stay; this plan's earlier lines are replaced)") { id, campaign, channels, share };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var list = result.GetValue(channels) is { } text ? text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];
            var done = await services.GetRequiredService<MixPlanUseCases>()
                .ToCampaignAsync(result.GetValue(id)!, result.GetValue(campaign)!, list, result.GetValue(share), cancellationToken).ConfigureAwait(false);
            if (done.Value is not { } c)
            {
                return CliContext.Fail(done);
            }

            Console.Out.WriteLine("campaign " + c.Id + " budget:");
            CliContext.WriteTable(
                ["line", "planned", "note"],
                c.Budget.Select(b => (IReadOnlyList<string>)[b.Key, b.Planned.ToString("N2", CultureInfo.InvariantCulture), b.Note ?? ""]),
                new HashSet<int> { 1 });
            return 0;
        });
        return command;
    }

    private static async Task<int> Step(IServiceProvider services, Func<MixPlanUseCases, Task<Outcome<MixPlan>>> step)
    {
        var outcome = await step(services.GetRequiredService<MixPlanUseCases>()).ConfigureAwait(false);
        if (outcome.Value is not { } plan)
        {
            return CliContext.Fail(outcome);
        }

        Write(plan, null);
        return 0;
    }

    /// <summary>A plan as a table with its approval and review.</summary>
    internal static void Write(MixPlan plan, long? version)
    {
        Console.Out.WriteLine(FormattableString.Invariant(
            $"plan {plan.Id}{(version is { } v ? $" (version {v})" : "")}: {plan.Title}; {EnumWords.Word(plan.Status)}; owned by {plan.Owner}; {Period(plan)}; budget {plan.Budget:N0}, objective {EnumWords.Word(plan.Objective)}, moves within ±{plan.MaxChange:P0}"));
        Console.Out.WriteLine(FormattableString.Invariant(
            $"model: {EnumWords.Word(plan.Model.Outcome)} per {(plan.Model.StepDays == 7 ? "week" : "day")}, fitted on {plan.Model.FittedFrom:yyyy-MM-dd} to {plan.Model.FittedThrough:yyyy-MM-dd}, R² {plan.Model.R2:F3}{(plan.Model.HoldoutMape is { } h ? $", holdout MAPE {h:P1}" : "")}"));
        if (plan.Review is { } review)
        {
            CliContext.WriteTable(
                ["channel", "planned spend", "actual spend", "spend error", "forecast", "90% interval", "measured", "error", "inside"],
                review.Channels.Select(l => (IReadOnlyList<string>)[
                    l.Channel, N(l.PlannedSpend), N(l.ActualSpend), P(l.SpendError), N(l.Forecast.Value), N(l.Forecast.Low) + " to " + N(l.Forecast.High),
                    l.Measured is { } m ? N(m) : "left out", P(l.Error), l.Measured is null ? "" : l.Inside ? "yes" : "no"]),
                new HashSet<int> { 1, 2, 3, 4, 6, 7 });
            Console.Out.WriteLine(FormattableString.Invariant(
                $"media outcome: forecast {review.ForecastMedia.Value:N0} ({review.ForecastMedia.Low:N0} to {review.ForecastMedia.High:N0}), measured {review.MeasuredMedia:N0} ({P(review.MediaError)}, {(review.MediaInside ? "inside" : "outside")} the interval); outcome observed {review.ActualOutcome:N0}, refit {review.FittedOutcome:N0} (R² {review.RefitR2:F3}, MAPE {review.RefitMape:P1}); data through {review.DataThrough:yyyy-MM-dd}; reviewed by {review.By}"));
        }
        else
        {
            CliContext.WriteTable(
                ["channel", "current split", "planned", "forecast", "90% interval", "marginal ROI", "note"],
                plan.Lines.Select(l => (IReadOnlyList<string>)[
                    l.Channel, N(l.Current), N(l.Planned), N(l.Forecast.Value), N(l.Forecast.Low) + " to " + N(l.Forecast.High), l.MarginalRoi.ToString("F2", CultureInfo.InvariantCulture),
                    l.Extrapolating ? "above the highest spend seen" : l.PeriodsToTarget == -1 ? "headed to 0 over several periods" : ""]),
                new HashSet<int> { 1, 2, 3, 5 });
            Console.Out.WriteLine(FormattableString.Invariant(
                $"media outcome forecast {plan.Forecast.Value:N0} ({plan.Forecast.Low:N0} to {plan.Forecast.High:N0}) against {plan.CurrentForecast.Value:N0} for the current split"));
        }

        if (plan.Approval is { } a)
        {
            Console.Out.WriteLine(FormattableString.Invariant($"approved by {a.Name} ({a.Person}, head of {a.Unit}) at {a.At:yyyy-MM-dd HH:mm} UTC{(a.Note is { } n ? ": " + n : "")}"));
        }

        if (plan.StartedAt is { } started)
        {
            Console.Out.WriteLine(FormattableString.Invariant($"in effect since {started:yyyy-MM-dd HH:mm} UTC, by {plan.StartedBy}"));
        }

        if (plan.Campaigns.Count > 0)
        {
            Console.Out.WriteLine("budget lines set on campaigns: " + string.Join(", ", plan.Campaigns));
        }
    }

    private static string Period(MixPlan p) => FormattableString.Invariant($"{p.From:yyyy-MM-dd} to {p.To:yyyy-MM-dd}");

    private static string N(double v) => v.ToString("N0", CultureInfo.InvariantCulture);

    private static string I(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static string P(double? v) => v is { } x ? x.ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture) : "";
}
