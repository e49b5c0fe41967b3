using Mercato.Core.DataCenter;

namespace Mercato.Tests;

/// <summary>A catalog whose per-kind versions the test sets; nothing else of it is read.</summary>
internal sealed class VersionsCatalog : IFactCatalog
{
    public Dictionary<string, string> Now { get; } = new(StringComparer.Ordinal);

    public Task<IReadOnlyDictionary<string, string>> DataVersionsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>(Now, StringComparer.Ordinal));

    public Task<string> DataVersionAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<bool> IsEmptyAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<SourcesReport> SourcesAsync(TimeZoneInfo zone, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<IReadOnlyList<MonthRows>> MonthlyRowsAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<IReadOnlyList<BatchInfo>> BatchesAsync(int limit, string? kind, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<BatchInfo?> BatchAsync(long id, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<IReadOnlyList<ChannelInfo>> ChannelsAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<bool> SetChannelGroupAsync(string channel, ChannelGroup group, CancellationToken cancellationToken) => throw new NotSupportedException();
}
