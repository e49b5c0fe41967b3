using System.CommandLine;
using System.Globalization;
using Mercato.Core.Mix;

namespace Mercato.Features.Mix;

/// <summary><c>mercato mix plans</c>: budget plans from draft to review, and the accuracy of past forecasts.</summary>
internal static class MixPlansCommand
{
    public static Command Create()
    {
        var format = CliContext.TableFormatOption();
        var command = new Command("plans", Words.W("mix.cli.plans.description"))
        {
            format,
            Show(), Approve(), Start(), Review(), Remove(), ToCampaign(),
        };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var book = await services.GetRequiredService<MixPlanUseCases>().ListAsync(cancellationToken).ConfigureAwait(false);
            var shown = result.GetValue(format)!;
            if (shown == "json")
            {
                CliContext.WriteJson(MixShapes.Book(book));
                return 0;
            }

            var exit = CliContext.WriteShown(
                result,
                shown,
                "mix-plans",
                [
                    Words.W("mix.cli.plans.col_plan"), Words.W("mix.cli.plans.col_version"), Words.W("mix.cli.plans.col_status"), Words.W("mix.cli.plans.col_owner"),
                    Words.W("mix.cli.plans.col_period"), Words.W("mix.cli.plans.col_budget", ("currency", Figures.Currency)), Words.W("mix.cli.plans.col_forecast"),
                    Words.W("mix.cli.col_interval"), Words.W("mix.cli.plans.col_measured"), Words.W("mix.cli.plans.col_inside"),
                ],
                book.Plans.Select(v => (IReadOnlyList<string>)[
                    v.Value.Id, I(v.Version), MixWords.Of(v.Value.Status), v.Value.Owner, Period(v.Value), N(v.Value.Planned), N(v.Value.Forecast.Value),
                    Range(v.Value.Forecast),
                    v.Value.Review is { } r ? N(r.MeasuredMedia) : "", v.Value.Review is { } r2 ? YesNo(r2.MediaInside) : ""]),
                new HashSet<int> { 1, 5, 6, 8 });
            if (shown == "table")
            {
                Console.Out.WriteLine(Accuracy(book.Accuracy));
            }

            return exit;
        });
        return command;
    }

    /// <summary>
    /// The accuracy line: what past forecasts say about the next one; with <paramref name="sentence"/>, as a sentence for a
    /// page (capitalised, with its full stop).
    /// </summary>
    internal static string Accuracy(MixPlanAccuracy a, bool sentence = false) => a.Reviewed == 0
        ? Words.W(sentence ? "mix.accuracy.none_sentence" : "mix.accuracy.none_line")
        : Words.W(
            sentence ? "mix.accuracy.some_sentence" : "mix.accuracy.some_line",
            ("reviewed", (long)a.Reviewed), ("inside", (long)a.Inside), ("lines", (long)a.Lines), ("share", a.InsideShare), ("media", a.MedianMediaError), ("spend", a.MedianSpendError));

    private static Command Show()
    {
        var id = new Argument<string>("id") { Description = Words.W("mix.cli.plans.argument_id") };
        var format = CliContext.TableFormatOption();
        var command = new Command("show", Words.W("mix.cli.plans.show.description")) { id, format };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var found = await services.GetRequiredService<MixPlanUseCases>().GetAsync(result.GetValue(id)!, cancellationToken).ConfigureAwait(false);
            if (found.Value is not { } v)
            {
                return CliContext.Fail(found);
            }

            var shown = result.GetValue(format)!;
            if (shown == "json")
            {
                CliContext.WriteJson(MixShapes.Plan(v));
                return 0;
            }

            return Write(result, shown, v.Value, v.Version);
        });
        return command;
    }

    private static Command Approve()
    {
        var id = new Argument<string>("id") { Description = Words.W("mix.cli.plans.argument_id") };
        var by = new Option<string>("--by") { Description = Words.W("mix.cli.plans.option_by"), Required = true };
        var note = new Option<string?>("--note") { Description = Words.W("mix.cli.plans.option_note") };
        var ifVersion = CliContext.IfVersionOption("plan");
        var command = new Command("approve", Words.W("mix.cli.plans.approve.description")) { id, by, note, ifVersion };
        command.SetAction((result, services, cancellationToken) => Step(
            result, services, u => u.ApproveAsync(result.GetValue(id)!, result.GetValue(by)!, result.GetValue(note), result.GetValue(ifVersion), cancellationToken)));
        return command;
    }

    private static Command Start() =>
        Simple("start", Words.W("mix.cli.plans.start.description"), (u, id, version, ct) => u.StartAsync(id, version, ct));

    private static Command Review() =>
        Simple("review", Words.W("mix.cli.plans.review.description"), (u, id, version, ct) => u.ReviewAsync(id, version, ct));

    /// <summary>A step that takes the plan's id and the version read, and prints the plan it leaves.</summary>
    private static Command Simple(string name, string description, Func<MixPlanUseCases, string, long?, CancellationToken, Task<Outcome<MixPlan>>> step)
    {
        var id = new Argument<string>("id") { Description = Words.W("mix.cli.plans.argument_id") };
        var ifVersion = CliContext.IfVersionOption("plan");
        var command = new Command(name, description) { id, ifVersion };
        command.SetAction((result, services, cancellationToken) => Step(result, services, u => step(u, result.GetValue(id)!, result.GetValue(ifVersion), cancellationToken)));
        return command;
    }

    private static Command Remove()
    {
        var id = new Argument<string>("id") { Description = Words.W("mix.cli.plans.argument_id") };
        var ifVersion = CliContext.IfVersionOption("plan");
        var command = new Command("remove", Words.W("mix.cli.plans.remove.description")) { id, ifVersion };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var removed = await services.GetRequiredService<MixPlanUseCases>().RemoveAsync(result.GetValue(id)!, result.GetValue(ifVersion), cancellationToken).ConfigureAwait(false);
            if (!removed.IsOk)
            {
                return CliContext.Fail(removed);
            }

            Console.Out.WriteLine(Words.W("mix.cli.plans.removed", ("id", removed.Value!.Id)));
            return 0;
        });
        return command;
    }

    private static Command ToCampaign()
    {
        var id = new Argument<string>("id") { Description = Words.W("mix.cli.plans.argument_id") };
        var campaign = new Option<string>("--campaign") { Description = Words.W("mix.cli.plans.option_campaign"), Required = true };
        var channels = new Option<string?>("--channels") { Description = Words.W("mix.cli.plans.option_channels") };
        var share = new Option<double>("--share") { Description = Words.W("mix.cli.plans.option_share"), DefaultValueFactory = _ => 1 };
        var command = new Command("to-campaign", Words.W("mix.cli.plans.to_campaign.description")) { id, campaign, channels, share };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            var list = result.GetValue(channels) is { } text ? text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];
            var done = await services.GetRequiredService<MixPlanUseCases>()
                .ToCampaignAsync(result.GetValue(id)!, result.GetValue(campaign)!, list, result.GetValue(share), cancellationToken).ConfigureAwait(false);
            if (done.Value is not { } c)
            {
                return CliContext.Fail(done);
            }

            Console.Out.WriteLine(Words.W("mix.cli.plans.campaign_budget", ("id", c.Id)));
            CliContext.WriteTable(
                [Words.W("mix.cli.plans.col_line"), Words.W("mix.cli.plans.col_planned", ("currency", Figures.Currency)), Words.W("mix.cli.col_note")],
                c.Budget.Select(b => (IReadOnlyList<string>)[b.Key, Figures.Money(b.Planned), b.Note ?? ""]),
                new HashSet<int> { 1 });
            return 0;
        });
        return command;
    }

    private static async Task<int> Step(ParseResult result, IServiceProvider services, Func<MixPlanUseCases, Task<Outcome<MixPlan>>> step)
    {
        var outcome = await step(services.GetRequiredService<MixPlanUseCases>()).ConfigureAwait(false);
        if (outcome.Value is not { } plan)
        {
            return CliContext.Fail(outcome);
        }

        return Write(result, "table", plan, null);
    }

    /// <summary>A plan as <c>--format</c> asks: its lines (or, once reviewed, its review) as a table, with its approval and review around it in <c>table</c>.</summary>
    internal static int Write(ParseResult result, string format, MixPlan plan, long? version)
    {
        var table = format == "table";
        if (table)
        {
            Console.Out.WriteLine(Words.W(
                "mix.cli.plans.header",
                ("id", plan.Id), ("version", version), ("title", plan.Title), ("status", MixWords.Of(plan.Status)), ("owner", plan.Owner), ("period", Period(plan)),
                ("budget", plan.Budget), ("objective", MixWords.Of(plan.Objective)), ("max", plan.MaxChange)));
            Console.Out.WriteLine(Words.W(
                "mix.cli.plans.model",
                ("outcome", MixWords.Of(plan.Model.Outcome)), ("unit", plan.Model.StepDays == 7 ? "week" : "day"), ("from", plan.Model.FittedFrom), ("to", plan.Model.FittedThrough),
                ("r2", plan.Model.R2), ("holdout", plan.Model.HoldoutMape)));
        }

        int exit;
        if (plan.Review is { } review)
        {
            exit = CliContext.WriteShown(
                result,
                format,
                plan.Id + "-review",
                [
                    Words.W("mix.cli.col_channel"), Words.W("mix.cli.plans.col_planned_spend", ("currency", Figures.Currency)),
                    Words.W("mix.cli.plans.col_actual_spend", ("currency", Figures.Currency)), Words.W("mix.cli.plans.col_spend_error"), Words.W("mix.cli.plans.col_forecast"),
                    Words.W("mix.cli.col_interval"), Words.W("mix.cli.plans.col_measured"), Words.W("mix.cli.plans.col_error"), Words.W("mix.cli.plans.col_inside"),
                ],
                review.Channels.Select(l => (IReadOnlyList<string>)[
                    l.Channel, N(l.PlannedSpend), N(l.ActualSpend), P(l.SpendError), N(l.Forecast.Value), Range(l.Forecast),
                    l.Measured is { } m ? N(m) : Words.W("mix.cli.plans.left_out"), P(l.Error), l.Measured is null ? "" : YesNo(l.Inside)]),
                new HashSet<int> { 1, 2, 3, 4, 6, 7 });
            if (table)
            {
                Console.Out.WriteLine(Words.W(
                    "mix.cli.plans.review_line",
                    ("forecast", review.ForecastMedia.Value), ("low", review.ForecastMedia.Low), ("high", review.ForecastMedia.High), ("measured", review.MeasuredMedia),
                    ("error", P(review.MediaError)), ("inside", review.MediaInside ? "yes" : "no"), ("actual", review.ActualOutcome), ("fitted", review.FittedOutcome),
                    ("r2", review.RefitR2), ("mape", review.RefitMape), ("through", review.DataThrough), ("by", review.By)));
            }
        }
        else
        {
            exit = CliContext.WriteShown(
                result,
                format,
                plan.Id,
                [
                    Words.W("mix.cli.col_channel"), Words.W("mix.cli.col_current_split", ("currency", Figures.Currency)), Words.W("mix.cli.plans.col_planned", ("currency", Figures.Currency)),
                    Words.W("mix.cli.plans.col_forecast"), Words.W("mix.cli.col_interval"), Words.W("mix.cli.col_marginal_roi"), Words.W("mix.cli.col_note"),
                ],
                plan.Lines.Select(l => (IReadOnlyList<string>)[
                    l.Channel, N(l.Current), N(l.Planned), N(l.Forecast.Value), Range(l.Forecast), l.MarginalRoi.ToString("F2", CultureInfo.CurrentCulture),
                    l.Extrapolating ? Words.W("mix.cli.plans.note_extrapolating") : l.PeriodsToTarget == -1 ? Words.W("mix.cli.plans.note_to_zero") : ""]),
                new HashSet<int> { 1, 2, 3, 5 });
            if (table)
            {
                Console.Out.WriteLine(Words.W(
                    "mix.cli.plans.forecast_line",
                    ("forecast", plan.Forecast.Value), ("low", plan.Forecast.Low), ("high", plan.Forecast.High), ("current", plan.CurrentForecast.Value)));
            }
        }

        if (!table)
        {
            return exit;
        }

        if (plan.Approval is { } a)
        {
            Console.Out.WriteLine(Words.W(
                "mix.cli.plans.approved",
                ("name", a.Name), ("person", a.Person), ("unit", a.Unit), ("at", a.At), ("has_note", a.Note is null ? "no" : "yes"), ("note", a.Note)));
        }

        if (plan.StartedAt is { } started)
        {
            Console.Out.WriteLine(Words.W("mix.cli.plans.started", ("at", started), ("by", plan.StartedBy)));
        }

        if (plan.Campaigns.Count > 0)
        {
            Console.Out.WriteLine(Words.W("mix.cli.plans.campaigns", ("campaigns", string.Join(", ", plan.Campaigns))));
        }

        return exit;
    }

    private static string Period(MixPlan p) => Words.W("mix.cli.range", ("low", p.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("high", p.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    private static string Range(MixInterval i) => Words.W("mix.cli.range", ("low", N(i.Low)), ("high", N(i.High)));

    private static string YesNo(bool yes) => Words.W(yes ? "mix.yes" : "mix.no");

    private static string N(double v) => v.ToString("N0", CultureInfo.CurrentCulture);

    private static string I(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static string P(double? v) => v is { } x ? x.ToString("+0.0%;-0.0%;0.0%", CultureInfo.CurrentCulture) : "";
}
