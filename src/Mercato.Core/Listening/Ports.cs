using Mercato.Core.DataCenter;

namespace Mercato.Core.Listening;

/// <summary>Mentions of one UTC hour with one label and one set of matched terms, summed by the store.</summary>
/// <param name="Hour">Hours since the Unix epoch (UTC).</param>
/// <param name="Label">positive, negative, neutral or not_scored.</param>
/// <param name="Terms">The matched terms in their stored form (<see cref="MentionTerms"/>).</param>
/// <param name="Mentions">How many.</param>
/// <param name="Reach">Their reach, summed (missing counts as 0).</param>
/// <param name="Engagement">Their likes, comments and shares, summed.</param>
public sealed record MentionHourCount(long Hour, string Label, string Terms, long Mentions, long Reach, long Engagement);

/// <summary>Mentions of one source, language and label over a window, summed by the store.</summary>
/// <param name="Source">The source word.</param>
/// <param name="Language">The stored language (empty when undetected).</param>
/// <param name="Label">positive, negative, neutral or not_scored.</param>
/// <param name="Mentions">How many.</param>
/// <param name="Reach">Their reach, summed.</param>
/// <param name="ScoreSum">Their sentiment scores, summed (for the mean of the scored).</param>
public sealed record MentionSourceCount(string Source, string Language, string Label, long Mentions, long Reach, double ScoreSum);

/// <summary>Which mentions to list: a window, optional filters, a page.</summary>
/// <param name="From">First instant (inclusive).</param>
/// <param name="To">Last instant (exclusive).</param>
/// <param name="Source">Only this source word.</param>
/// <param name="Label">Only this label word.</param>
/// <param name="Term">Only mentions matching this watch-list term (as stored).</param>
/// <param name="Text">Only texts containing this (case-insensitive for Latin letters).</param>
/// <param name="Limit">At most this many.</param>
/// <param name="Offset">After skipping this many (newest first).</param>
public sealed record MentionQuery(
    DateTimeOffset From, DateTimeOffset To, string? Source, string? Label, string? Term, string? Text, int Limit, int Offset);

/// <summary>One page of mentions, newest first, and how many match in all.</summary>
/// <param name="Total">Mentions matching the query.</param>
/// <param name="Items">This page.</param>
public sealed record MentionPage(long Total, IReadOnlyList<MentionFact> Items);

/// <summary>What a rescore did.</summary>
/// <param name="BatchId">The batch recording it.</param>
/// <param name="Read">Mentions read.</param>
/// <param name="Updated">Mentions whose language, sentiment or terms changed.</param>
public sealed record RescoreCounts(long BatchId, long Read, long Updated);

/// <summary>The store's side of public-opinion monitoring: aggregates by hour and by source, pages of mentions, and the rescore.</summary>
public interface IMentionStore
{
    /// <summary>Mentions in [<paramref name="from"/>, <paramref name="to"/>) by UTC hour, label and terms.</summary>
    Task<IReadOnlyList<MentionHourCount>> HourlyAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Mentions in [<paramref name="from"/>, <paramref name="to"/>) by source, language and label.</summary>
    Task<IReadOnlyList<MentionSourceCount>> BySourceAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>A page of mentions, newest first (ties by id).</summary>
    Task<MentionPage> ListAsync(MentionQuery query, CancellationToken cancellationToken);

    /// <summary>The texts of up to <paramref name="limit"/> mentions in the window, newest first (for top terms).</summary>
    Task<IReadOnlyList<string>> TextsAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken);

    /// <summary>The first and last instant of any stored mention, or null when none is stored.</summary>
    Task<(DateTimeOffset First, DateTimeOffset Last)?> SpanAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Reads every stored mention again with <paramref name="annotate"/> and stores the language, sentiment and terms that
    /// changed, in one transaction recorded as a committed batch of the mentions kind (source <c>rescore</c>), so cached
    /// figures know the data changed. Other values and each row's batch stay as they were.
    /// </summary>
    Task<RescoreCounts> RescoreAsync(Func<MentionFact, MentionAnnotation> annotate, CancellationToken cancellationToken);
}
