using System.Globalization;
using Mercato.Core.Access;
using Mercato.Core.DataCenter;
using Mercato.Core.Measurement;
using Mercato.Core.Mix;
using Mercato.Features.Access;
using Mercato.Features.Campaigns;
using Mercato.Features.Measurement;

namespace Mercato.Features.Mix;

/// <summary>A fitted model with what went into it.</summary>
/// <param name="Fit">The model.</param>
/// <param name="LeftOut">Workspace channels left out, with the reason (empty for a file).</param>
/// <param name="Controls">The controls fitted, by name.</param>
/// <param name="Seconds">How long the fit took, intervals included.</param>
/// <param name="WorkspaceOutcome">The workspace outcome explained; null for a file's fit.</param>
public sealed record MixReport(MixFit Fit, IReadOnlyList<Problem> LeftOut, IReadOnlyList<string> Controls, double Seconds, MixOutcomeKind? WorkspaceOutcome = null);

/// <summary>
/// The mix model for every front door: fit a file or the workspace, propose a budget. Fits, proposals and the events are
/// read by whoever reads reports; the workspace's events are shared by every unit and written by whoever writes shared work.
/// </summary>
public sealed class MixUseCases(
    IChannelMoneyReader money, WorkspaceDocuments workspace, MeasurementUseCases measurement, IDocumentStore documents, ICurrentUser user, DataVersionCache cache,
    TimeProvider time, OutcomeLog log, AccessGuard guard)
{
    /// <summary>Fits an analyst's file; invalid with every problem of the options, the file and the data (lines named).</summary>
    public Outcome<MixReport> FitFile(Stream input, MixFileColumns columns, MixOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        guard.Require(Permission.ReadReports);
        if (options.Problems() is { Count: > 0 } problems)
        {
            return Outcome<MixReport>.Invalid(problems);
        }

        var read = MixFile.Read(input, columns, options);
        if (read.Value is not { } data)
        {
            return Outcome<MixReport>.From(read);
        }

        return Outcome<MixReport>.Ok(Fit(data, options, [], cancellationToken));
    }

    /// <summary>
    /// Fits the workspace: spend per channel and week and the chosen outcome per week from the store, the Spring Festival,
    /// 618 and Double 11 and the campaigns' periods as controls (<see cref="MixWorkspace.Weekly"/>). Kept per data version,
    /// campaign periods and options.
    /// </summary>
    public async Task<Outcome<MixReport>> FitWorkspaceAsync(MixOutcomeKind outcome, MixOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        guard.Require(Permission.ReadReports);
        if (options.Problems() is { Count: > 0 } problems)
        {
            return Outcome<MixReport>.Invalid(problems);
        }

        // Every campaign's period is a control of the model, whoever asks: the fit is one for the workspace.
        var periods = (await workspace.CampaignsAsync(cancellationToken).ConfigureAwait(false))
            .Select(c => (c.Start, c.End))
            .Order()
            .ToArray();
        var own = await EventsCoreAsync(cancellationToken).ConfigureAwait(false);
        var key = string.Create(CultureInfo.InvariantCulture, $"mix {outcome} {options} {string.Join(';', periods)} {string.Join(';', own)}");
        // The fit reads daily spend and daily conversions; campaigns and own events are documents, in the key.
        var fit = await cache.FigureAsync(key, TimeZoneInfo.Utc, [DataKinds.Spend, DataKinds.Conversions], async () =>
        {
            var spend = await money.DailySpendAsync(cancellationToken).ConfigureAwait(false);
            var outcomes = await money.DailyOutcomesAsync(cancellationToken).ConfigureAwait(false);
            var years = spend.Select(s => s.Day.Year).Concat(outcomes.Select(o => o.Day.Year)).DefaultIfEmpty(2026).ToArray();
            var weekly = MixWorkspace.Weekly(spend, outcomes, outcome, [.. MixCalendar.ChineseRetail(years.Min(), years.Max()), .. own], periods);
            var checks = MixChecks.Problems(weekly.Data, options);
            if (MixWorkspace.Sparse(outcomes, weekly.Data.Periods.Count) is { } sparse)
            {
                checks = [sparse, .. checks];
            }

            return checks.Count > 0
                ? new WorkspaceFit(null, [.. checks, .. weekly.LeftOut])
                : new WorkspaceFit(Fit(weekly.Data, options, weekly.LeftOut, cancellationToken) with { WorkspaceOutcome = outcome }, []);
        }, cancellationToken).ConfigureAwait(false);
        return fit.Report is { } report ? Outcome<MixReport>.Ok(report) : Outcome<MixReport>.Invalid(fit.Problems);
    }

    /// <summary>The workspace's fit, or why the data cannot be fitted: the figure kept (and kept across restarts).</summary>
    private sealed record WorkspaceFit(MixReport? Report, IReadOnlyList<Problem> Problems);

    /// <summary>
    /// What each channel keeps of a unit of outcome, which only the net-return objective uses (1 for the revenue
    /// objective): <paramref name="margin"/> for every channel when given; else, for a workspace fit, from the ROI report
    /// (default model) over the fit's months (<see cref="MixMargins.FromRoi"/>); else (a file) 1.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, double>> MarginsAsync(MixReport report, MixObjective objective, double? margin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        guard.Require(Permission.ReadReports);
        return await MarginsCoreAsync(report, objective, margin, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyDictionary<string, double>> MarginsCoreAsync(MixReport report, MixObjective objective, double? margin, CancellationToken cancellationToken)
    {
        var channels = report.Fit.Channels.Select(c => c.Channel).ToList();
        if (objective != MixObjective.NetReturn || margin is not null || report.WorkspaceOutcome is not { } outcome || report.Fit.Periods.Count == 0)
        {
            var kept = objective == MixObjective.NetReturn ? margin ?? 1 : 1;
            return channels.ToDictionary(c => c, _ => kept, StringComparer.Ordinal);
        }

        var first = report.Fit.Periods[0].Start;
        var last = report.Fit.Periods[^1].Start.AddDays(report.Fit.StepDays - 1);
        var roi = await measurement.RoiAsync(new RoiRequest(YearMonth.Of(first), YearMonth.Of(last)), cancellationToken).ConfigureAwait(false);
        return MixMargins.FromRoi(roi.Value?.Channels ?? [], outcome, channels);
    }

    /// <summary>The workspace's own events, by name and first day.</summary>
    public Task<IReadOnlyList<MixEvent>> EventsAsync(CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        return EventsCoreAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<MixEvent>> EventsCoreAsync(CancellationToken cancellationToken) =>
        [.. (await documents.ValuesAsync(MixEvents.Documents, cancellationToken).ConfigureAwait(false)).OrderBy(e => e.Name, StringComparer.Ordinal).ThenBy(e => e.First)];

    /// <summary>Adds (or, for the same name and first day, replaces) an event of the workspace; invalid by <see cref="MixEvents.Problems"/>.</summary>
    public async Task<Outcome<MixEvent>> AddEventAsync(MixEvent e, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(e);
        guard.Require(Permission.WriteShared);
        if (MixEvents.Problems(e) is { Count: > 0 } problems)
        {
            return log.Noted(Outcome<MixEvent>.Invalid(problems), "mix event add", e.Name);
        }

        await documents.CommitAsync([DocumentChange.Put(MixEvents.Documents, e)], user, cancellationToken).ConfigureAwait(false);
        return log.Noted(Outcome<MixEvent>.Ok(e), "mix event add", e.Name);
    }

    /// <summary>Removes every occurrence of event <paramref name="name"/>, or only the one starting on <paramref name="first"/>: the occurrences removed, or not found.</summary>
    public async Task<Outcome<IReadOnlyList<MixEvent>>> RemoveEventAsync(string name, DateOnly? first, CancellationToken cancellationToken)
    {
        guard.Require(Permission.WriteShared);
        var gone = (await EventsCoreAsync(cancellationToken).ConfigureAwait(false)).Where(e => e.Name == name && (first is null || e.First == first)).ToList();
        if (gone.Count == 0)
        {
            return log.Noted(
                Outcome<IReadOnlyList<MixEvent>>.NotFound(MixCodes.EventNotFound, MessageArgs.Of(("name", name), ("first", first))),
                "mix event remove",
                name);
        }

        await documents.CommitAsync([.. gone.Select(e => DocumentChange.Delete(MixEvents.Documents, MixEvents.IdOf(e)))], user, cancellationToken).ConfigureAwait(false);
        return log.Noted(Outcome<IReadOnlyList<MixEvent>>.Ok(gone), "mix event remove", name);
    }

    /// <summary>Model periods in a planning period: a month's days over the period's days (<c>YYYY-MM</c>), or a positive count; null for anything else.</summary>
    public static double? Periods(string text, int stepDays)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (YearMonth.TryParse(text, out var month))
        {
            return (double)DateTime.DaysInMonth(month.Year, month.Month) / stepDays;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0 && double.IsFinite(n) ? n : null;
    }

    /// <summary>
    /// The one way every front door asks for a proposal on a fitted model: <paramref name="budget"/> over
    /// <paramref name="period"/> (<see cref="Periods"/>; invalid, <see cref="MixCliCodes.BadPeriod"/>, when it is neither),
    /// with the margins of <see cref="MarginsAsync"/>, refused by the optimizer's own checks (<see cref="Propose"/>).
    /// </summary>
    public async Task<Outcome<MixProposal>> ProposeAsync(
        MixReport report, double budget, string period, IReadOnlyList<MixBound> bounds, double maxChange, MixObjective objective, double? margin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        guard.Require(Permission.ReadReports);
        if (Periods(period ?? "", report.Fit.StepDays) is not { } periods)
        {
            return Outcome<MixProposal>.Invalid([Problem.Of("period", MixCliCodes.BadPeriod, ("value", period))]);
        }

        var margins = await MarginsCoreAsync(report, objective, margin, cancellationToken).ConfigureAwait(false);
        return Propose(report, new MixBudgetRequest(budget, periods, bounds ?? [], maxChange, objective, margins));
    }

    /// <summary>A budget proposal on a fitted model; invalid (the feasible range named) when the guard rails cannot meet the budget.</summary>
    public static Outcome<MixProposal> Propose(MixReport report, MixBudgetRequest request)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(request);
        return MixOptimizer.Problems(report.Fit, request) is { Count: > 0 } problems
            ? Outcome<MixProposal>.Invalid(problems)
            : Outcome<MixProposal>.Ok(MixOptimizer.Propose(report.Fit, request));
    }

    private MixReport Fit(MixData data, MixOptions options, IReadOnlyList<Problem> leftOut, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var fit = MixModel.Fit(data, options, cancellationToken);
        return new MixReport(fit, leftOut, [.. data.Controls.Select(c => c.Name)], time.GetElapsedTime(started).TotalSeconds);
    }
}
