using System.Net;

namespace Mercato.Hosting;

/// <summary>Which of the addresses the server is told to listen on reach beyond this machine.</summary>
public static class ServingGuard
{
    /// <summary>
    /// The URLs of <paramref name="urls"/> (separated by <c>;</c>) whose host is not loopback: <c>localhost</c>,
    /// <c>127.0.0.0/8</c> and <c>::1</c> are; <c>0.0.0.0</c>, <c>*</c>, <c>+</c>, <c>[::]</c>, a name or any other address is not.
    /// </summary>
    public static IReadOnlyList<string> NonLoopback(string urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        return [.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(u => !IsLoopback(u))];
    }

    private static bool IsLoopback(string url)
    {
        // Kestrel's wildcards are not valid URI hosts: catch them before parsing.
        var host = url.Split("://", 2) is [_, var rest] ? rest.Split('/', 2)[0] : url;
        host = host.StartsWith('[') ? host[1..host.IndexOf(']', StringComparison.Ordinal)] : host.Split(':')[0];
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }
}
