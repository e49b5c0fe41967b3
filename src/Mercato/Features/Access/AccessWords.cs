using System.Net;
using Mercato.Core.Access;
using Microsoft.AspNetCore.Components;

namespace Mercato.Features.Access;

/// <summary>
/// The words of access in the language in effect: a role (the glossary's word), a grant as the account page and the
/// sign-in page show it (units and campaigns marked as data), what a demo account's role lets it see, a token's scope and
/// state, an account's language.
/// </summary>
internal static class AccessWords
{
    /// <summary>The role's word (<c>term.role.*</c>).</summary>
    public static string Role(Role role)
    {
        var word = EnumWords.Word(role);
        return Terms.Of("role", word, word);
    }

    /// <summary>A grant on the account page: the role, then "for the whole organization" or "at unit X and below", and an agency's campaigns.</summary>
    public static MarkupString Grant(RoleGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return new(
            WebUtility.HtmlEncode(Role(grant.Role))
            + (grant.Unit is { } unit ? Words.WM("access.grant.at_unit", ("unit", unit)).Value : Words.WM("access.grant.whole").Value)
            + (grant.Campaigns.Count > 0 ? Words.WM("access.grant.campaigns", ("campaigns", grant.Campaigns)).Value : ""));
    }

    /// <summary>A demo account's roles on the sign-in page: <c>Unit lead at new_media</c>, <c>Agency on a, b</c>.</summary>
    public static MarkupString DemoRoles(IReadOnlyList<RoleGrant> grants)
    {
        ArgumentNullException.ThrowIfNull(grants);
        return new(string.Join(Words.W("access.signin.roles_separator"), grants.Select(g =>
            WebUtility.HtmlEncode(Role(g.Role))
            + (g.Unit is { } unit ? Words.WM("access.signin.at_unit", ("unit", unit)).Value : "")
            + (g.Campaigns.Count > 0 ? Words.WM("access.signin.on_campaigns", ("campaigns", g.Campaigns)).Value : ""))));
    }

    /// <summary>What a demo account's (first) role lets it see, in a sentence.</summary>
    public static string Sees(IReadOnlyList<RoleGrant> grants)
    {
        ArgumentNullException.ThrowIfNull(grants);
        return grants.Count > 0 ? Words.W("access.signin.sees_" + EnumWords.Word(grants[0].Role)) : "";
    }

    /// <summary>A token's scope: <c>import</c>, <c>read</c>, <c>write</c> in English.</summary>
    public static string Scope(TokenScope scope) => Words.W("access.tokens.scope_" + EnumWords.Word(scope));

    /// <summary>A token's state: <c>active</c>, <c>expired</c>, <c>revoked</c> in English.</summary>
    public static string State(string state) =>
        Words.Template("access.tokens.state_" + state) is null ? state : Words.W("access.tokens.state_" + state);

    /// <summary>An account's language setting: English, 中文, or the browser's (none set).</summary>
    public static string Language(string? language) => language switch
    {
        null => Words.W("access.language_default"),
        Languages.Chinese => Words.W("layout.language_zh_cn"),
        _ => Words.W("layout.language_en"),
    };
}
