using Mercato.Core.Access;

namespace Mercato.Hosting;

/// <summary>
/// The acting person of the server, per request: the principal the sign-in pipeline put on the request (a cookie's
/// account or a token's), anonymous when nobody is signed in; with sign-in off (<c>--no-auth</c>, loopback only) an
/// administrator named by <c>Actor</c>; outside any request (the alert schedule, the demo loaded at start) the server
/// itself, an administrator. The front door is <c>api</c> under <c>/api/</c> and <c>page</c> elsewhere, with the client's address.
/// </summary>
public sealed class HttpCurrentUser(IHttpContextAccessor http, MercatoOptions options) : ICurrentUser
{
    private const string PrincipalKey = "mercato.principal";

    private readonly Principal _administrator = Principal.Administrator(options.Actor);

    /// <inheritdoc />
    public string Name => Principal.Name;

    /// <inheritdoc />
    public Principal Principal => http.HttpContext is not { } context
        ? _administrator
        : options.NoAuth ? _administrator : context.Items.TryGetValue(PrincipalKey, out var p) && p is Principal principal ? principal : Principal.Anonymous;

    /// <inheritdoc />
    public WriteOrigin Origin => http.HttpContext is not { } context
        ? WriteOrigin.Server
        : new WriteOrigin(IsApi(context.Request) ? "api" : "page", context.Connection.RemoteIpAddress?.ToString());

    /// <summary>Whether a request is the API's (JSON answers, 401 rather than a sign-in redirect).</summary>
    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.Ordinal);

    /// <summary>Puts the signed-in <paramref name="principal"/> on the request.</summary>
    public static void Set(HttpContext context, Principal principal) => context.Items[PrincipalKey] = principal;

    /// <summary>The principal on the request, or null when nobody is signed in.</summary>
    public static Principal? Of(HttpContext context) =>
        context.Items.TryGetValue(PrincipalKey, out var p) ? p as Principal : null;
}
