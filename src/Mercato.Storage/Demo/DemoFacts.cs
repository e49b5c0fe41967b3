using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mercato.Core.DataCenter;
using Mercato.Core.Demo;
using Mercato.Storage.Facts;

namespace Mercato.Storage.Demo;

/// <summary>What loading the demo company's facts did.</summary>
/// <param name="Seed">The seed.</param>
/// <param name="Scale">The scale's word.</param>
/// <param name="RowsByKind">Rows added per data kind.</param>
/// <param name="Truth">The ground truth.</param>
/// <param name="TruthJson">The ground truth as stored.</param>
/// <param name="Workspace">The campaigns workspace the facts belong to (people, squads, campaigns, live-stream sessions).</param>
public sealed record DemoFactsLoad(
    int Seed, string Scale, IReadOnlyDictionary<string, long> RowsByKind, DemoGroundTruth Truth, string TruthJson, DemoWorkspace Workspace);

/// <summary>How far loading the demo's facts is: rows written so far and the kind of the last one.</summary>
/// <param name="Rows">Rows written so far.</param>
/// <param name="Kind">The data kind's name of the last row written (e.g. <c>touchpoints</c>), or <see cref="Committing"/>.</param>
public sealed record DemoFactsProgress(long Rows, string Kind)
{
    /// <summary>The kind reported once every row is written, while the indexes are rebuilt and the transaction commits.</summary>
    public const string Committing = "commit";

    /// <summary>Rows between two reports.</summary>
    public const int Every = 10_000;
}

/// <summary>
/// Generates the demo company and writes its facts through any fact sink, replacing earlier demo facts: one batch per
/// kind, marked as demo, all committed in one transaction with the ground truth. The workspace documents (structure,
/// targets, people, squads, campaigns) are the demo use case's to apply, under its rules.
/// </summary>
public static class DemoFacts
{
    /// <summary>How the ground truth is written: web defaults, indented, enums as snake_case words.</summary>
    public static JsonSerializerOptions TruthJson { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Generates the demo company and loads its facts, replacing earlier demo facts; its mentions are not scored.</summary>
    public static Task<DemoFactsLoad> LoadAsync(IFactSink sink, DemoOptions options, IProgress<long>? progress, CancellationToken cancellationToken) =>
        LoadAsync(sink, options, null, progress, cancellationToken);

    /// <summary>
    /// Generates the demo company and loads its facts, replacing earlier demo facts. Each mention is read by
    /// <paramref name="mentions"/> (language, sentiment, watch-list terms); without it, as the mentions kind reads a row
    /// without the listening feature: the language as given, not scored, no terms.
    /// </summary>
    public static Task<DemoFactsLoad> LoadAsync(IFactSink sink, DemoOptions options, IMentionAnnotator? mentions, IProgress<long>? progress,
        CancellationToken cancellationToken) =>
        LoadWithProgressAsync(sink, options, mentions, progress is null ? null : new RowsOnly(progress), cancellationToken);

    /// <summary>
    /// Generates the demo company and loads its facts, as <see cref="LoadAsync(IFactSink, DemoOptions, IMentionAnnotator?, IProgress{long}?, CancellationToken)"/>,
    /// reporting every <see cref="DemoFactsProgress.Every"/> rows with the kind being written, then <see cref="DemoFactsProgress.Committing"/>;
    /// cancelling stops the generation within those rows (nothing is committed).
    /// </summary>
    public static async Task<DemoFactsLoad> LoadWithProgressAsync(IFactSink sink, DemoOptions options, IMentionAnnotator? mentions, IProgress<DemoFactsProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(options);
        var scale = options.Scale.ToString().ToLowerInvariant();
        var source = string.Create(CultureInfo.InvariantCulture, $"demo company (seed {options.Seed}, {scale}, through {options.LastMonth})");
        var kinds = FactTables.All.Select(t => t.Kind).ToList();
        var session = await sink.BeginAsync([.. kinds.Select(k => new BatchStart(k, source, "demo", IsDemo: true))],
            new FactSessionOptions(ReplaceDemo: true), cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            var counter = new Counter(session, progress, cancellationToken);

            // The ad platforms' click logs are made as the facts pass (their own random stream, as the mentions).
            var clicks = new DemoClickLog(options, counter);
            var truth = DemoCompany.Generate(options, clicks);
            truth = truth with { Ads = clicks.Finish() };

            // The influencers' snapshots, posts and follower samples: their own random stream, as the truth describes them
            // (the KOL touches' codes and the fee rows came with the year).
            DemoInfluencers.Emit(options, counter);

            // The mentions come last, from their own random stream: every other fact is the same with or without them.
            truth = truth with { Listening = DemoMentions.Generate(options, mentions, counter) };

            // The live-stream sessions are facts of the livestreams kind, loaded with the rest.
            var workspace = DemoCampaigns.Build(truth);
            foreach (var live in workspace.Sessions)
            {
                counter.Add(live);
            }

            progress?.Report(new DemoFactsProgress(counter.Total, DemoFactsProgress.Committing));
            var counts = await session.FlushAsync(cancellationToken).ConfigureAwait(false);
            var ends = counts.Select(c => new BatchEnd(ImportStatus.Committed, c.Added + c.Updated + c.Unchanged, c.Added, c.Updated, c.Unchanged, 0, null, [], []))
                .ToList();
            var truthJson = JsonSerializer.Serialize(truth, TruthJson);
            await session.CommitAsync(ends, truthJson, cancellationToken).ConfigureAwait(false);
            var rows = kinds.Select((k, i) => (k.Name, counts[i].Added)).ToDictionary(r => r.Name, r => r.Added, StringComparer.Ordinal);
            return new DemoFactsLoad(options.Seed, scale, rows, truth, truthJson, workspace);
        }
    }

    /// <summary>Reads a stored ground truth back.</summary>
    public static DemoGroundTruth? ReadTruth(string? json) => json is null ? null : JsonSerializer.Deserialize<DemoGroundTruth>(json, TruthJson);

    private sealed class Counter(IFactWriteSession session, IProgress<DemoFactsProgress>? progress, CancellationToken cancellationToken) : IDemoSink
    {
        public long Total { get; private set; }

        public void Add(IFact fact)
        {
            session.Write(fact);
            if (++Total % DemoFactsProgress.Every == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new DemoFactsProgress(Total, FactTables.For(fact).Kind.Name));
            }
        }
    }

    /// <summary>The rows alone, every 100,000 as before, for callers that count rows.</summary>
    private sealed class RowsOnly(IProgress<long> rows) : IProgress<DemoFactsProgress>
    {
        public void Report(DemoFactsProgress value)
        {
            if (value.Kind != DemoFactsProgress.Committing && value.Rows % 100_000 == 0)
            {
                rows.Report(value.Rows);
            }
        }
    }
}
