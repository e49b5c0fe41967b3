using Mercato.Core.DataCenter;
using Mercato.Core.Listening;

namespace Mercato.Features.Listening;

/// <summary>
/// How mentions are read at import and rescoring: the shipped sentiment models with the workspace's watch list as stored
/// now. A helper of the import, rescore and demo use cases, which check for their callers; no front door calls it.
/// </summary>
public sealed class MentionReading(SentimentModels models, WatchListUseCases watch)
{
    /// <summary>Cuts a run of Chinese into words for top terms (jieba), or null to cut it into two-character pieces.</summary>
    public Func<string, IEnumerable<string>>? Segmenter => models.Segment;

    /// <summary>An annotator over the current watch list.</summary>
    public async Task<IMentionAnnotator> AnnotatorAsync(CancellationToken cancellationToken)
    {
        var list = await watch.StoredAsync(cancellationToken).ConfigureAwait(false);
        return new MentionAnnotator(models.Scorer, list.Value);
    }
}
