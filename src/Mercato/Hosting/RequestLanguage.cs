using Mercato.Features.Access;
using Mercato.Features.Settings;
using Microsoft.AspNetCore.Mvc;

namespace Mercato.Hosting;

/// <summary>
/// The language of a request: <c>?lang=</c> for this request; else the signed-in person's setting; else the language this
/// browser chose with the switcher (cookie <c>mercato.lang</c>); else the first language of <c>Accept-Language</c> that
/// Mercato speaks; else the workspace's. A language asked for by <c>?lang=</c> that Mercato does not speak falls back with
/// a notice on the page. Money is shown in the workspace currency.
/// </summary>
public static class RequestLanguage
{
    /// <summary>The cookie the switcher sets.</summary>
    public const string Cookie = "mercato.lang";

    /// <summary>Where the authentication leaves the signed-in account's language.</summary>
    public const string AccountLanguageKey = "mercato.account-language";

    /// <summary>Where the language asked for but not spoken is left for the page's notice.</summary>
    public const string FellBackKey = "mercato.language-fell-back";

    /// <summary>Where the language resolved for the request is kept (and the workspace currency), for what runs outside its flow.</summary>
    public const string ResolvedKey = "mercato.language";

    /// <summary>The language asked for by <c>?lang=</c> that Mercato does not speak, if any.</summary>
    public static string? FellBack(HttpContext? context) => context?.Items[FellBackKey] as string;

    /// <summary>Resolves and applies the language of every request.</summary>
    public static WebApplication UseMercatoLanguage(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(static async (context, next) =>
        {
            // A request run again for its status page keeps the language it was resolved in (its query string is gone).
            if (context.Items[ResolvedKey] is not Resolved resolved)
            {
                var settings = (await context.RequestServices.GetRequiredService<SettingsUseCases>().GetAsync(context.RequestAborted).ConfigureAwait(false))?.Value
                    ?? WorkspaceSettings.Default;
                resolved = new Resolved(Resolve(context, settings), settings.EffectiveCurrency);
                context.Items[ResolvedKey] = resolved;
            }

            Locale.Apply(resolved.Language, resolved.Currency);
            Names.Use(await context.RequestServices.GetRequiredService<NameBooks>().GetAsync(resolved.Language, context.RequestAborted).ConfigureAwait(false));
            await next(context).ConfigureAwait(false);
        });
        return app;
    }

    /// <summary>
    /// Speaks the language resolved for <paramref name="context"/> again, where its flow did not reach (an exception
    /// handler runs outside it); nothing when none was resolved yet.
    /// </summary>
    public static void ApplyAgain(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items[ResolvedKey] is Resolved resolved)
        {
            Locale.Apply(resolved.Language, resolved.Currency);
        }
    }

    /// <summary>
    /// <c>POST /language</c> (form: <c>to</c>, <c>return</c>): the switcher. Sets this browser's cookie, and the signed-in
    /// person's own setting; back to the page it was pressed on (a path of this server only). A language Mercato does not
    /// speak changes nothing and shows the notice.
    /// </summary>
    public static WebApplication MapLanguageSwitch(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/language", async ([FromForm] string? to, [FromForm(Name = "return")] string? back, HttpContext context, AccountUseCases accounts, CancellationToken cancellationToken) =>
            {
                var target = IsLocal(back) ? back! : "/";
                if (!Languages.TryNormalize(to, out var language))
                {
                    return Results.Redirect(target + (target.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "lang=" + Uri.EscapeDataString(to ?? ""));
                }

                context.Response.Cookies.Append(Cookie, language, new CookieOptions
                {
                    HttpOnly = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = context.Request.IsHttps,
                    MaxAge = TimeSpan.FromDays(365),
                    IsEssential = true,
                });
                if (HttpCurrentUser.Of(context) is { IsAnonymous: false, TokenScope: null })
                {
                    await accounts.SetOwnLanguageAsync(language, cancellationToken).ConfigureAwait(false);
                }

                return Results.Redirect(target);
            })
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>Whether <paramref name="path"/> is a path of this server (not <c>//host</c>, not <c>/\host</c>, not absolute).</summary>
    public static bool IsLocal(string? path) =>
        path is { Length: > 0 } && path[0] == '/' && (path.Length == 1 || (path[1] != '/' && path[1] != '\\'));

    private static string Resolve(HttpContext context, WorkspaceSettings settings)
    {
        if (context.Request.Query["lang"].ToString() is { Length: > 0 } asked)
        {
            if (Languages.TryNormalize(asked, out var chosen))
            {
                return chosen;
            }

            context.Items[FellBackKey] = asked;
        }

        if (context.Items[AccountLanguageKey] is string own && Languages.TryNormalize(own, out var mine))
        {
            return mine;
        }

        if (context.Request.Cookies[Cookie] is { } cookie && Languages.TryNormalize(cookie, out var browser))
        {
            return browser;
        }

        foreach (var range in context.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(r => r.Quality ?? 1))
        {
            if (Languages.TryNormalize(range.Value.Value, out var accepted))
            {
                return accepted;
            }
        }

        return settings.EffectiveLanguage;
    }

    private sealed record Resolved(string Language, string Currency);
}
