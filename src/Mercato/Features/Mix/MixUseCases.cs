using System.Globalization;
using Mercato.Core.Measurement;
using Mercato.Core.Mix;
using Mercato.Features.Campaigns;

namespace Mercato.Features.Mix;

/// <summary>A fitted model with what went into it.</summary>
/// <param name="Fit">The model.</param>
/// <param name="LeftOut">Workspace channels left out, with the reason (empty for a file).</param>
/// <param name="Controls">The controls fitted, by name.</param>
/// <param name="Seconds">How long the fit took, intervals included.</param>
/// <param name="WorkspaceOutcome">The workspace outcome explained; null for a file's fit.</param>
public sealed record MixReport(MixFit Fit, IReadOnlyList<Problem> LeftOut, IReadOnlyList<string> Controls, double Seconds, MixOutcomeKind? WorkspaceOutcome = null);

/// <summary>The mix model for every front door: fit a file or the workspace, propose a budget.</summary>
public sealed class MixUseCases(IChannelMoneyReader money, CampaignUseCases campaigns, DataVersionCache cache, TimeProvider time)
{
    /// <summary>Fits an analyst's file; invalid with every problem of the options, the file and the data (lines named).</summary>
    public Outcome<MixReport> FitFile(Stream input, MixFileColumns columns, MixOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
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
        if (options.Problems() is { Count: > 0 } problems)
        {
            return Outcome<MixReport>.Invalid(problems);
        }

        var periods = (await campaigns.ListAsync(cancellationToken).ConfigureAwait(false))
            .Select(c => (c.Start, c.End))
            .Order()
            .ToArray();
        var key = string.Create(CultureInfo.InvariantCulture, $"mix {outcome} {options} {string.Join(';', periods)}");
        return await cache.GetAsync(key, TimeZoneInfo.Utc, async () =>
        {
            var spend = await money.DailySpendAsync(cancellationToken).ConfigureAwait(false);
            var outcomes = await money.DailyOutcomesAsync(cancellationToken).ConfigureAwait(false);
            var years = spend.Select(s => s.Day.Year).Concat(outcomes.Select(o => o.Day.Year)).DefaultIfEmpty(2026).ToArray();
            var weekly = MixWorkspace.Weekly(spend, outcomes, outcome, MixCalendar.ChineseRetail(years.Min(), years.Max()), periods);
            var checks = MixChecks.Problems(weekly.Data, options);
            if (MixWorkspace.Sparse(outcomes, weekly.Data.Periods.Count) is { } sparse)
            {
                checks = [sparse, .. checks];
            }

            return checks.Count > 0
                ? Outcome<MixReport>.Invalid([.. checks, .. weekly.LeftOut])
                : Outcome<MixReport>.Ok(Fit(weekly.Data, options, weekly.LeftOut, cancellationToken) with { WorkspaceOutcome = outcome });
        }, cancellationToken).ConfigureAwait(false);
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
