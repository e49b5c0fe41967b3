using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using Mercato.Core.Access;
using Mercato.Features.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Mercato.Hosting;

/// <summary>
/// Who reaches the server and how: cookie sign-in for people and bearer tokens for machines, both resolved to a
/// <see cref="Principal"/> on every request from the stored account (a changed session stamp, a removed account or a
/// revoked token ends access at the next request); anonymous requests get 401 (API) or the sign-in page; refusals of the
/// use cases become 403; sign-in is rate-limited per address; every answer carries the security headers. With sign-in off
/// (<c>--no-auth</c>, loopback only) every request acts as an administrator and every page says so.
/// </summary>
public static class WebAccess
{
    /// <summary>The cookie scheme.</summary>
    public const string CookieScheme = "mercato-cookie";

    /// <summary>The bearer-token scheme.</summary>
    public const string TokenScheme = "mercato-token";

    /// <summary>The rate-limit policy of the sign-in form.</summary>
    public const string SignInLimit = "sign-in";

    private const string SelectScheme = "mercato";
    private const string StampClaim = "mercato:stamp";
    private const string IssuedClaim = "mercato:issued";

    /// <summary>
    /// The Content-Security-Policy: scripts and styles from the server only (ECharts and charts.js are files), inline
    /// style attributes allowed (bar widths and colours are set per row), images from the server and data: URIs, no
    /// framing, forms post only back to the server.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    /// <summary>Registers the schemes, the rate limiter and the refusal handler.</summary>
    public static IServiceCollection AddMercatoAccess(this IServiceCollection services, MercatoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddExceptionHandler<AccessDeniedHandler>();
        services.AddExceptionHandler<StoreFailedHandler>();
        services.AddAuthentication(SelectScheme)
            .AddPolicyScheme(SelectScheme, null, p => p.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? TokenScheme : CookieScheme)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthentication>(TokenScheme, null)
            .AddCookie(CookieScheme, cookie =>
            {
                cookie.Cookie.Name = "mercato.session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                // Secure whenever the request came over HTTPS (directly or, with forwarded headers, through the proxy).
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromMinutes(options.IdleTimeoutMinutes);
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/signin";
                cookie.Events.OnValidatePrincipal = ValidateSessionAsync;
            });
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Attempts are the form's posts; opening the page is free.
            limiter.AddPolicy(SignInLimit, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = options.SignInsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("page"));
            limiter.OnRejected = (rejected, cancellationToken) => new ValueTask(
                ApiProblems.Of(StatusCodes.Status429TooManyRequests, AccessCodes.SignInRateLimited).ExecuteAsync(rejected.HttpContext));
        });
        services.Configure<ForwardedHeadersOptions>(f => f.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        return services;
    }

    /// <summary>The pipeline: forwarded headers, security headers, authentication, the sign-in gate, the rate limiter.</summary>
    public static WebApplication UseMercatoAccess(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseForwardedHeaders();
        app.Use(static (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            return next(context);
        });
        var options = app.Services.GetRequiredService<IOptions<MercatoOptions>>().Value;
        if (!options.NoAuth)
        {
            app.UseAuthentication();
            app.Use(GateAsync);
        }

        app.UseRateLimiter();
        return app;
    }

    /// <summary>Signing out: this browser's session, or (<c>everywhere</c>) every session of the account.</summary>
    public static WebApplication MapSignOut(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/signout", async ([FromForm] string? everywhere, HttpContext context, AccountUseCases accounts, CancellationToken cancellationToken) =>
            {
                if (everywhere == "true" && HttpCurrentUser.Of(context) is { } who)
                {
                    await accounts.SignOutEverywhereAsync(who.Name, cancellationToken).ConfigureAwait(false);
                }

                await context.SignOutAsync(CookieScheme).ConfigureAwait(false);
                return Results.Redirect("/signin");
            })
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>The claims of a new session of <paramref name="account"/>, signed in at <paramref name="now"/>.</summary>
    public static ClaimsPrincipal SessionOf(Account account, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, account.Id),
                new Claim(StampClaim, account.SessionStamp),
                new Claim(IssuedClaim, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            ],
            CookieScheme));
    }

    /// <summary>Paths anyone may open: the sign-in form, health, the style sheet and scripts.</summary>
    public static bool IsPublic(PathString path) =>
        path.StartsWithSegments("/signin", StringComparison.Ordinal) || path.StartsWithSegments("/language", StringComparison.Ordinal)
        || path.StartsWithSegments("/health", StringComparison.Ordinal)
        || path.StartsWithSegments("/lib", StringComparison.Ordinal) || path == "/app.css" || path == "/charts.js" || path == "/confirm.js" || path == "/export.js" || path == "/favicon.ico";

    private static async Task GateAsync(HttpContext context, Func<Task> next)
    {
        if (HttpCurrentUser.Of(context) is not null || IsPublic(context.Request.Path))
        {
            await next().ConfigureAwait(false);
            return;
        }

        if (HttpCurrentUser.IsApi(context.Request) || context.Request.Path.StartsWithSegments("/openapi", StringComparison.Ordinal))
        {
            var code = context.Items.TryGetValue(TokenAuthentication.FailureKey, out var failure) && failure is string c ? c : AccessCodes.SignInRequired;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await ApiProblems.Of(StatusCodes.Status401Unauthorized, code).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var back = context.Request.Path + context.Request.QueryString;
        context.Response.Redirect("/signin?returnUrl=" + Uri.EscapeDataString(back));
    }

    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var claims = context.Principal;
        var id = claims?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = claims?.FindFirstValue(StampClaim);
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<MercatoOptions>>().Value;
        var time = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        var issued = long.TryParse(claims?.FindFirstValue(IssuedClaim), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)
            ? DateTimeOffset.FromUnixTimeSeconds(s)
            : DateTimeOffset.MinValue;
        var accounts = context.HttpContext.RequestServices.GetRequiredService<AccountUseCases>();
        var principal = id is null || stamp is null || time.GetUtcNow() - issued > TimeSpan.FromHours(options.AbsoluteTimeoutHours)
            ? null
            : await accounts.SessionAsync(id, stamp, context.HttpContext.RequestAborted).ConfigureAwait(false);
        if (principal is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme).ConfigureAwait(false);
            return;
        }

        HttpCurrentUser.Set(context.HttpContext, principal.Principal());
        context.HttpContext.Items[RequestLanguage.AccountLanguageKey] = principal.Language;
    }

    /// <summary><c>Authorization: Bearer mct_...</c>: the token's account within the token's scope.</summary>
    private sealed class TokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TokenUseCases tokens)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string FailureKey = "mercato.token-failure";

        protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var raw = Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
            var outcome = await tokens.AuthenticateAsync(raw, Context.RequestAborted).ConfigureAwait(false);
            if (!outcome.IsOk)
            {
                Context.Items[FailureKey] = outcome.Code;
                return AuthenticateResult.Fail(outcome.Code ?? AccessCodes.SignInRequired);
            }

            HttpCurrentUser.Set(Context, outcome.Value!);
            return AuthenticateResult.Success(new AuthenticationTicket(
                new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, outcome.Value!.Name)], TokenScheme)), TokenScheme));
        }
    }

    /// <summary>A use case's refusal: 403 with the permission (a problem for the API, a short page for people).</summary>
    private sealed class AccessDeniedHandler : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not AccessDeniedException denied)
            {
                return false;
            }

            await RefuseAsync(httpContext, StatusCodes.Status403Forbidden, AccessCodes.Denied, MessageArgs.Of(("permission", denied.Permission.ToString())),
                "host.denied.title", cancellationToken).ConfigureAwait(false);
            return true;
        }
    }

    /// <summary>
    /// A store that stopped answering during the request (the facts' ClickHouse down, a shard lost): 503 with the engine's
    /// words, never a page with part of its figures.
    /// </summary>
    private sealed class StoreFailedHandler : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not Storage.StoreFailedException failed)
            {
                return false;
            }

            await RefuseAsync(httpContext, StatusCodes.Status503ServiceUnavailable, Storage.StoreCodes.Failed, MessageArgs.Of(("detail", failed.Message)),
                "host.store_failed.title", cancellationToken).ConfigureAwait(false);
            return true;
        }
    }

    /// <summary>An error the host answers for itself: a problem for the API, a short page in the request's language for people.</summary>
    private static async Task RefuseAsync(HttpContext httpContext, int status, string code, MessageArgs args, string titleWord, CancellationToken cancellationToken)
    {
        if (HttpCurrentUser.IsApi(httpContext.Request))
        {
            await ApiProblems.Of(status, code, args).ExecuteAsync(httpContext).ConfigureAwait(false);
            return;
        }

        // The handler runs outside the request's flow: the page speaks the request's language again.
        RequestLanguage.ApplyAgain(httpContext);
        httpContext.Response.StatusCode = status;
        httpContext.Response.ContentType = "text/html; charset=utf-8";
        static string H(string text) => System.Net.WebUtility.HtmlEncode(text);
        var title = Words.W(titleWord);
        await httpContext.Response.WriteAsync(
            "<!DOCTYPE html><html lang=\"" + Locale.Language + "\"><head><meta charset=\"utf-8\"><title>" + H(title) + " · Mercato</title><link rel=\"stylesheet\" href=\"/app.css\"></head>"
            + "<body><main class=\"refusal\"><h1>" + H(title) + "</h1><p data-code=\"" + code + "\">" + H(Messages.Text(code, args)) + "</p>"
            + "<p><a href=\"/\">" + H(Words.W("host.denied.overview")) + "</a> · <a href=\"/account\">" + H(Words.W("host.denied.account")) + "</a></p></main></body></html>",
            cancellationToken).ConfigureAwait(false);
    }
}
