using Mercato.Core.Access;
using Mercato.Core.Campaigns;
using Mercato.Core.Crisis;
using Mercato.Core.DataCenter;
using Mercato.Core.Demo;
using Mercato.Core.Influencers;
using Mercato.Core.Kpis;
using Mercato.Core.Organization;
using Mercato.Features.Access;
using Mercato.Features.Campaigns;
using Mercato.Features.Influencers;
using Mercato.Features.Listening;
using Mercato.Features.Organization;
using Mercato.Features.Targets;
using Mercato.Storage.Demo;
using Mercato.Storage.Import;
using Microsoft.Extensions.Options;

namespace Mercato.Features.Demo;

/// <summary>What loading the demo company did.</summary>
/// <param name="Seed">The seed.</param>
/// <param name="Scale">The scale's word.</param>
/// <param name="RowsByKind">Rows added per data kind.</param>
/// <param name="Truth">The ground truth.</param>
/// <param name="TruthFile">Where the ground truth was written.</param>
/// <param name="Workspace">The campaigns workspace loaded with the facts; null when the workspace has a structure of its own,
/// which the demo's units would not fit.</param>
public sealed record DemoLoaded(
    int Seed, string Scale, IReadOnlyDictionary<string, long> RowsByKind, DemoGroundTruth Truth, string TruthFile, DemoWorkspace? Workspace);

/// <summary>
/// The demo company (docs/demo-company.md), for the command line, the server's first start and the API: generated and
/// loaded all or nothing (its facts, replacing earlier demo facts; its structure and six months of targets unless the
/// workspace has a structure of its own; its people, squads and campaigns under that structure), and removed again
/// leaving the user's own data. Loading and removing it manage the store (<see cref="Permission.ManageStore"/>); whether it
/// is loaded is asked by every page's layout, for whoever is signed in, and needs nothing.
/// </summary>
public sealed class DemoUseCases(
    IDemoFacts demo, IFactSink sink, IFactCatalog catalog, OrganizationUseCases organization, TargetUseCases targets, CampaignUseCases campaigns,
    WatchListUseCases watch, MentionReading reading, IDocumentStore documents, ICurrentUser user, IOptions<MercatoOptions> options, TimeProvider time,
    InfluencerAuditUseCases audits, Audit.AuditUseCases audit, AccessGuard guard, AccountUseCases accounts)
{
    /// <summary>The file, in the data directory, holding the ground truth of the loaded demo.</summary>
    public const string TruthFileName = "demo-ground-truth.json";

    /// <summary>The seed used when none is given.</summary>
    public const int DefaultSeed = 42;

    private string TruthFile => Path.Combine(DataDirectory.Resolve(options.Value.DataDir), TruthFileName);

    /// <summary>The demo's last month: the last full month before today.</summary>
    public YearMonth LastMonth() => YearMonth.Of(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)).AddMonths(-1);

    /// <summary>Whether demo data is loaded.</summary>
    public Task<bool> IsLoadedAsync(CancellationToken cancellationToken) => demo.IsLoadedAsync(cancellationToken);

    /// <summary>Whether the store holds no facts at all (the server loads the demo into an empty store).</summary>
    public Task<bool> StoreIsEmptyAsync(CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        return catalog.IsEmptyAsync(cancellationToken);
    }

    /// <summary>The ground truth of the loaded demo, or null.</summary>
    public async Task<DemoGroundTruth?> GroundTruthAsync(CancellationToken cancellationToken)
    {
        guard.Require(Permission.ReadReports);
        return DemoFacts.ReadTruth(await demo.GroundTruthJsonAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Generates the demo company and loads it, replacing earlier demo data. Refused, with nothing changed, when its
    /// people, squads or campaigns clash with the workspace's (<see cref="StorageCodes.DemoClashes"/> with the problems).
    /// </summary>
    public Task<Outcome<DemoLoaded>> LoadAsync(DemoOptions demoOptions, IProgress<long>? progress, CancellationToken cancellationToken) =>
        LoadObservedAsync(demoOptions, progress is null ? null : new RowsObserver(progress), cancellationToken);

    /// <summary>
    /// Loads the demo company as <see cref="LoadAsync"/> does, telling <paramref name="observer"/> the facts' rows as they are
    /// written and each later step before it runs (<see cref="DemoSteps"/>): the facts commit whole, in one transaction,
    /// then the structure and targets, the people, squads and campaigns, the influencers and crisis case, and the
    /// accounts, each whole.
    /// </summary>
    public async Task<Outcome<DemoLoaded>> LoadObservedAsync(DemoOptions demoOptions, IDemoLoadObserver? observer, CancellationToken cancellationToken)
    {
        guard.Require(Permission.ManageStore);
        ArgumentNullException.ThrowIfNull(demoOptions);
        async Task Step(string step)
        {
            if (observer is not null)
            {
                await observer.StepAsync(step, cancellationToken).ConfigureAwait(false);
            }
        }

        await Step(DemoSteps.Facts).ConfigureAwait(false);
        // The earlier demo's people, squads and campaigns go first: the new demo's workspace replaces them, and would
        // otherwise clash with them (the same referral codes, other ids).
        await RemoveWorkspaceAsync(cancellationToken).ConfigureAwait(false);
        await ApplyWatchListAsync(cancellationToken).ConfigureAwait(false);
        var annotator = await reading.AnnotatorAsync(cancellationToken).ConfigureAwait(false);
        var facts = await DemoFacts.LoadWithProgressAsync(sink, demoOptions, annotator, observer, cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync("demo_load", "demo", facts.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + facts.Scale, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(Path.GetDirectoryName(TruthFile)!);
        await File.WriteAllTextAsync(TruthFile, facts.TruthJson, cancellationToken).ConfigureAwait(false);
        await Step(DemoSteps.Structure).ConfigureAwait(false);
        var structure = await ApplyOrganizationAsync(demoOptions.LastMonth, cancellationToken).ConfigureAwait(false);
        if (structure?.Name != DemoOrganization.Name)
        {
            return Outcome<DemoLoaded>.Ok(Loaded(facts, null));
        }

        var w = facts.Workspace;
        await Step(DemoSteps.Campaigns).ConfigureAwait(false);
        var restored = await campaigns.LoadDemoAsync(new CampaignBundle(w.People, w.Squads, w.Campaigns), cancellationToken).ConfigureAwait(false);
        if (!restored.IsOk)
        {
            // All or nothing: the facts are committed by now, so take them (and the demo structure) out again. The
            // workspace was not imported: ids that clashed are the user's own and stay.
            await RemoveAsync(workspace: false, cancellationToken).ConfigureAwait(false);
            return Outcome<DemoLoaded>.Refused(StorageCodes.DemoClashes, MessageArgs.Of(("count", restored.Problems.Count),
                ("problems", restored.Problems.Take(5).Select(p => p.Path + ": " + Messages.Text(p)).ToList())));
        }

        await Step(DemoSteps.Influencers).ConfigureAwait(false);
        // The influencer directory (docs/demo-company.md, Influencers), whose collaborations name the campaigns just loaded.
        var influencers = DemoInfluencers.Build(facts.Truth);
        if (influencers.Count > 0)
        {
            await documents.CommitAsync([.. influencers.Select(i => DocumentChange.Put(Influencer.Documents, i))], user, cancellationToken)
                .ConfigureAwait(false);

            // The agency's engagement norms per platform and tier replace the defaults (docs/demo-company.md, Influencers).
            await audits.SetBenchmarksAsync(DemoInfluencers.Benchmarks, cancellationToken).ConfigureAwait(false);

            // The new-media team's hand-checked followers train the workspace's fake-follower model, unless the workspace has its own.
            if (await audits.TrainedAsync(cancellationToken).ConfigureAwait(false) is null or { TrainedOn: DemoInfluencers.VerifiedSource })
            {
                var (train, holdout) = DemoInfluencers.VerifiedFollowers(facts.Truth.Seed);
                await audits.TrainAsync(train, DemoInfluencers.VerifiedSource, holdout, null, cancellationToken).ConfigureAwait(false);
            }
        }

        if (facts.Truth.Listening is { } listening)
        {
            // The demo's closed crisis case (the recall rumour), with its owner and statements at the truth's times.
            await documents.CommitAsync(
                [DocumentChange.Put(CrisisDocuments.Cases, DemoCrisis.Case(listening.Rumour, structure, w.People))], user, cancellationToken)
                .ConfigureAwait(false);
        }

        // Its names in Chinese (docs/demo-company.md, Names in two languages).
        await Naming.NamesUseCases.ApplyDemoAsync(documents, user, DemoNames.Chinese(structure, w), cancellationToken).ConfigureAwait(false);
        await Step(DemoSteps.Accounts).ConfigureAwait(false);
        await accounts.LoadDemoAsync(DemoAccounts.For(w.People, w.Squads, w.Campaigns), cancellationToken).ConfigureAwait(false);
        return Outcome<DemoLoaded>.Ok(Loaded(facts, w));
    }

    /// <summary>
    /// Saves the demo's watch list (<see cref="DemoMentions.WatchList"/>: the brand, its products, three competitors and
    /// the default risk terms) when the workspace has none stored; a stored list is the user's and stays, and the demo's
    /// mentions are read with it.
    /// </summary>
    private async Task ApplyWatchListAsync(CancellationToken cancellationToken)
    {
        if ((await watch.GetAsync(cancellationToken).ConfigureAwait(false)).Version != 0)
        {
            return;
        }

        // Expected at version 0: a list saved meanwhile wins, and the demo reads mentions with it.
        await watch.SaveAsync(DemoMentions.WatchList, 0, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The rows alone, for <see cref="LoadAsync"/>'s callers.</summary>
    private sealed class RowsObserver(IProgress<long> rows) : IDemoLoadObserver
    {
        public void Report(DemoFactsProgress value)
        {
            if (value.Kind != DemoFactsProgress.Committing && value.Rows % 100_000 == 0)
            {
                rows.Report(value.Rows);
            }
        }

        public Task StepAsync(string step, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private DemoLoaded Loaded(DemoFactsLoad facts, DemoWorkspace? workspace) =>
        new(facts.Seed, facts.Scale, facts.RowsByKind, facts.Truth, TruthFile, workspace);

    /// <summary>Removes every demo row, batch, the ground truth, the channels only the demo used, and the demo's workspace. Returns rows removed.</summary>
    public Task<long> RemoveAsync(CancellationToken cancellationToken)
    {
        guard.Require(Permission.ManageStore);
        return RemoveAsync(workspace: true, cancellationToken);
    }

    /// <param name="workspace">Also remove the demo's people, squads and campaigns (false when they were never imported).</param>
    /// <param name="cancellationToken">Stops the removal.</param>
    private async Task<long> RemoveAsync(bool workspace, CancellationToken cancellationToken)
    {
        if (workspace)
        {
            await RemoveWorkspaceAsync(cancellationToken).ConfigureAwait(false);
            await accounts.RemoveDemoAsync(cancellationToken).ConfigureAwait(false);
        }

        var structure = await organization.StructureAsync(cancellationToken).ConfigureAwait(false);
        var removed = await demo.RemoveAsync(cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync("demo_remove", "demo", removed.ToString(System.Globalization.CultureInfo.InvariantCulture) + " rows", cancellationToken).ConfigureAwait(false);
        File.Delete(TruthFile);
        if (structure?.Name == DemoOrganization.Name)
        {
            await organization.DeleteAsync(cancellationToken).ConfigureAwait(false);
        }

        return removed;
    }

    /// <summary>
    /// Removes the loaded demo's people, squads and campaigns. They were imported only under the demo's structure; under a
    /// structure of the user's own the same ids are theirs and stay. A truth written before the workspace existed has none.
    /// </summary>
    private async Task RemoveWorkspaceAsync(CancellationToken cancellationToken)
    {
        var truth = await GroundTruthAsync(cancellationToken).ConfigureAwait(false);
        var structure = await organization.StructureAsync(cancellationToken).ConfigureAwait(false);
        if (structure?.Name == DemoOrganization.Name && truth is { LiveDays: not null, Referrals: not null })
        {
            var w = DemoCampaigns.Build(truth);
            await Naming.NamesUseCases.RemoveDemoAsync(documents, user, DemoNames.Chinese(structure, w), cancellationToken).ConfigureAwait(false);
            await campaigns.RemoveAsync(new CampaignBundle(w.People, w.Squads, w.Campaigns), cancellationToken).ConfigureAwait(false);
            await documents.CommitAsync(
                [
                    DocumentChange.Delete(CrisisDocuments.Cases, DemoCrisis.CaseId), .. DemoInfluencers.Build(truth).Select(i => DocumentChange.Delete(Influencer.Documents, i.Id)),
                    .. (await audits.TrainedAsync(cancellationToken).ConfigureAwait(false))?.TrainedOn == DemoInfluencers.VerifiedSource
                        ? [DocumentChange.Delete(TrainedAuditModel.Document, TrainedAuditModel.Id)]
                        : Array.Empty<DocumentChange>(),
                    .. (await documents.GetAsync(EngagementBenchmarkSet.Document, EngagementBenchmarkSet.Id, cancellationToken).ConfigureAwait(false))?.Value.Rows
                        is { } rows && rows.SequenceEqual(DemoInfluencers.Benchmarks)
                        ? [DocumentChange.Delete(EngagementBenchmarkSet.Document, EngagementBenchmarkSet.Id)]
                        : Array.Empty<DocumentChange>(),
                ],
                user, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Gives the workspace the demo company's structure (docs/demo-company.md) and monthly targets for the last six months,
    /// unless it has a structure of its own (returned as it is). A target is the previous month's actual times the demo's
    /// planned change (<see cref="DemoOrganization.TargetFactor"/>), so units that slip miss it and one ambitious plan is
    /// missed on purpose.
    /// </summary>
    private async Task<OrgStructure?> ApplyOrganizationAsync(YearMonth lastMonth, CancellationToken cancellationToken)
    {
        if (await organization.StructureAsync(cancellationToken).ConfigureAwait(false) is { } existing && existing.Name != DemoOrganization.Name)
        {
            return existing;
        }

        var structure = DemoOrganization.Structure();
        var saved = await organization.SaveAsync(structure, replace: true, expectedVersion: null, cancellationToken).ConfigureAwait(false);
        if (!saved.IsOk)
        {
            throw new InvalidOperationException("the demo structure is not valid: " + saved);
        }

        var months = Enumerable.Range(0, DemoOrganization.TargetMonths + 1).Select(i => lastMonth.AddMonths(i - DemoOrganization.TargetMonths)).ToList();
        var reports = new List<KpiReport>();
        foreach (var month in months)
        {
            reports.Add(await organization.KpisAsync(KpiPeriod.Month(month), cancellationToken).ConfigureAwait(false));
        }

        var inputs = new List<TargetInput>();
        foreach (var assignment in structure.Kpis)
        {
            if (assignment.Unit is null || KpiCatalog.Find(assignment.Kpi) is not { Source: KpiSource.Store } definition)
            {
                continue;
            }

            for (var i = 1; i < months.Count; i++)
            {
                if (reports[i - 1][definition.Id].Value is { } previous && previous > 0)
                {
                    var planned = (double)previous * DemoOrganization.TargetFactor(definition.Id, definition.Direction == KpiDirection.HigherIsBetter);
                    var rounded = Math.Round(planned, definition.Unit is KpiUnit.Count ? 0 : definition.Unit is KpiUnit.Ratio ? 4 : 2);
                    inputs.Add(new TargetInput(definition.Id, assignment.Unit, Period.Of(months[i]).ToString(), rounded));
                }
            }
        }

        var result = await targets.SetAsync(inputs, cancellationToken).ConfigureAwait(false);
        return result.IsOk ? structure : throw new InvalidOperationException("the demo targets are not valid: " + result);
    }
}
