using static Mercato.Core.DataCenter.FieldParsers;

namespace Mercato.Core.DataCenter;

/// <summary>
/// spend: date (or timestamp), channel, campaign?, spend, impressions?, clicks?, conversions?, installs?; identity (date,
/// channel, campaign), and the hour for a row given by <c>timestamp</c>.
/// </summary>
internal sealed class SpendKind : DataKind
{
    private const int TimestampField = 8;

    private static readonly string[] When = ["date", "timestamp"];

    public override string Name => "spend";

    public override IReadOnlyList<FieldSpec> Fields { get; } =
    [
        new("date", true, "the day, YYYY-MM-DD; or give timestamp instead for hourly data"),
        new("channel", true, "channel name"),
        new("campaign", false, "campaign code"),
        new("spend", true, "media spend, a non-negative amount"),
        new("impressions", false, "impressions served, a whole number"),
        new("clicks", false, "clicks, a whole number no larger than impressions"),
        new("conversions", false, "conversions the platform reports for the day (or hour), a whole number"),
        new("installs", false, "app installs the platform reports for the day (or hour), a whole number"),
        new("timestamp", false,
            "instead of date, for hourly data: the start of the hour, ISO 8601 with offset or Z, on a whole hour of the workspace time zone",
            Instead: "date"),
    ];

    public override string IdentityDescription => "(date, channel, campaign), and the hour when the row has a timestamp";

    public override IFact? Parse(ReadOnlySpan<string?> v, ParseContext context, List<FieldError> errors)
    {
        var before = errors.Count;

        // A caller that passes only the daily fields (written before timestamp existed) gives a daily row.
        var stamp = v.Length > TimestampField ? v[TimestampField] : null;
        DateOnly date = default;
        int? hour = null;
        if (string.IsNullOrWhiteSpace(stamp))
        {
            if (string.IsNullOrWhiteSpace(v[0]))
            {
                errors.Add(FieldError.Of("date", v[0], ImportCodes.OneOfRequired, ("columns", When)));
            }
            else
            {
                Date(v[0], "date", errors, out date);
            }
        }
        else if (!string.IsNullOrWhiteSpace(v[0]))
        {
            errors.Add(FieldError.Of("timestamp", stamp, ImportCodes.OnlyOneOf, ("columns", When)));
        }
        else
        {
            Hourly(stamp, context, errors, out date, out hour);
        }

        Text(v[1], "channel", true, MaxChannelLength, errors, out var channel);
        Text(v[2], "campaign", false, MaxIdLength, errors, out var campaign);
        Money(v[3], "spend", true, errors, out var spend);
        Count(v[4], "impressions", false, long.MaxValue, errors, out var impressions);
        Count(v[5], "clicks", false, long.MaxValue, errors, out var clicks);
        Count(v[6], "conversions", false, long.MaxValue, errors, out var conversions);
        Count(v[7], "installs", false, long.MaxValue, errors, out var installs);
        if (errors.Count == before && impressions is not null && clicks > impressions)
        {
            errors.Add(FieldError.Of("clicks", v[5], ImportCodes.ClicksExceedImpressions, ("clicks", clicks), ("impressions", impressions)));
        }

        return errors.Count > before ? null : new SpendFact(date, channel!, campaign, spend!.Value, impressions, clicks, conversions, installs, hour);
    }

    /// <summary>
    /// The local day and hour a timestamp starts, in the workspace zone; refused when it is a day alone or not on a whole
    /// hour there (a zone with a half-hour offset has its hours on the half hour of UTC).
    /// </summary>
    private static void Hourly(string raw, ParseContext context, List<FieldError> errors, out DateOnly date, out int? hour)
    {
        date = default;
        hour = null;
        if (DateOnly.TryParseExact(raw.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
        {
            errors.Add(new FieldError("timestamp", raw, ImportCodes.HourWithoutTime));
            return;
        }

        if (!Timestamp(raw, "timestamp", context, errors, out var instant))
        {
            return;
        }

        var local = TimeZoneInfo.ConvertTime(instant, context.TimeZone);
        if (local.Minute != 0 || local.Second != 0 || local.Millisecond != 0 || local.Microsecond != 0 || local.Nanosecond != 0)
        {
            errors.Add(FieldError.Of("timestamp", raw, ImportCodes.NotWholeHour,
                ("zone", context.TimeZone.Id), ("local", local.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFzzz", System.Globalization.CultureInfo.InvariantCulture))));
            return;
        }

        date = DateOnly.FromDateTime(local.DateTime);
        hour = local.Hour;
    }
}

/// <summary>touchpoints: touchpoint_id?, user_id, timestamp, channel, campaign?, type?, referral_code?.</summary>
internal sealed class TouchpointsKind : DataKind
{
    private static readonly (string, TouchpointType)[] Types =
    [
        ("impression", TouchpointType.Impression), ("click", TouchpointType.Click), ("visit", TouchpointType.Visit),
        ("referral", TouchpointType.Referral), ("other", TouchpointType.Other),
    ];

    public override string Name => "touchpoints";

    public override IReadOnlyList<FieldSpec> Fields { get; } =
    [
        new("touchpoint_id", false, "unique id of the touchpoint, when the source has one"),
        new("user_id", true, "the user"),
        new("timestamp", true, "ISO 8601 with offset or Z; a date alone is midnight in the workspace time zone"),
        new("channel", true, "channel name"),
        new("campaign", false, "campaign code"),
        new("type", false, "impression, click, visit, referral or other (default other)"),
        new("referral_code", false, "the referral code carried by the touchpoint"),
    ];

    public override string IdentityDescription => "touchpoint_id, else a hash of all its fields";

    public override IFact? Parse(ReadOnlySpan<string?> v, ParseContext context, List<FieldError> errors)
    {
        var before = errors.Count;
        Text(v[0], "touchpoint_id", false, MaxIdLength, errors, out var id);
        Text(v[1], "user_id", true, MaxIdLength, errors, out var user);
        Timestamp(v[2], "timestamp", context, errors, out var timestamp);
        Text(v[3], "channel", true, MaxChannelLength, errors, out var channel);
        Text(v[4], "campaign", false, MaxIdLength, errors, out var campaign);
        Choice(v[5], "type", false, Types, errors, out var type);
        Text(v[6], "referral_code", false, MaxIdLength, errors, out var referral);
        return errors.Count > before
            ? null
            : new Touchpoint(id, user!, timestamp, channel!, campaign, type ?? TouchpointType.Other, referral);
    }
}

/// <summary>conversions: conversion_id, user_id, timestamp, revenue, cost?; identity conversion_id.</summary>
internal sealed class ConversionsKind : DataKind
{
    public override string Name => "conversions";

    public override IReadOnlyList<FieldSpec> Fields { get; } =
    [
        new("conversion_id", true, "unique id of the conversion (order id)"),
        new("user_id", true, "the user"),
        new("timestamp", true, "ISO 8601 with offset or Z; a date alone is midnight in the workspace time zone"),
        new("revenue", true, "revenue, a non-negative amount"),
        new("cost", false, "product cost of the goods sold, a non-negative amount"),
    ];

    public override string IdentityDescription => "conversion_id";

    public override IFact? Parse(ReadOnlySpan<string?> v, ParseContext context, List<FieldError> errors)
    {
        var before = errors.Count;
        Text(v[0], "conversion_id", true, MaxIdLength, errors, out var id);
        Text(v[1], "user_id", true, MaxIdLength, errors, out var user);
        Timestamp(v[2], "timestamp", context, errors, out var timestamp);
        Money(v[3], "revenue", true, errors, out var revenue);
        Money(v[4], "cost", false, errors, out var cost);
        return errors.Count > before ? null : new Conversion(id!, user!, timestamp, revenue!.Value, cost);
    }
}

/// <summary>costs: month, channel?, category, amount, kind, campaign?; identity (month, channel, category, campaign).</summary>
internal sealed class CostsKind : DataKind
{
    private static readonly (string, CostCategory)[] Categories =
    [
        ("agency", CostCategory.Agency), ("staff", CostCategory.Staff), ("tools", CostCategory.Tools),
        ("kol_fee", CostCategory.KolFee), ("livestream_commission", CostCategory.LivestreamCommission),
        ("event", CostCategory.Event), ("other", CostCategory.Other),
    ];

    private static readonly (string, CostKind)[] Kinds = [("fixed", CostKind.Fixed), ("variable", CostKind.Variable)];

    public override string Name => "costs";

    public override IReadOnlyList<FieldSpec> Fields { get; } =
    [
        new("month", true, "the month, YYYY-MM"),
        new("channel", false, "channel name; empty for a cost of the whole department"),
        new("category", true, "agency, staff, tools, kol_fee, livestream_commission, event or other"),
        new("amount", true, "a non-negative amount"),
        new("kind", true, "fixed or variable"),
        new("campaign", false, "campaign code, when the cost belongs to one campaign"),
    ];

    public override string IdentityDescription => "(month, channel, category, campaign)";

    public override IFact? Parse(ReadOnlySpan<string?> v, ParseContext context, List<FieldError> errors)
    {
        var before = errors.Count;
        Month(v[0], "month", errors, out var month);
        Text(v[1], "channel", false, MaxChannelLength, errors, out var channel);
        Choice(v[2], "category", true, Categories, errors, out var category);
        Money(v[3], "amount", true, errors, out var amount);
        Choice(v[4], "kind", true, Kinds, errors, out var kind);
        Text(v[5], "campaign", false, MaxIdLength, errors, out var campaign);
        return errors.Count > before ? null : new CostFact(month, channel, category!.Value, amount!.Value, kind!.Value, campaign);
    }

    /// <summary>The contract's word for a category.</summary>
    public static string Word(CostCategory category) => Categories.First(c => c.Item2 == category).Item1;
}

/// <summary>activity: user_id, timestamp, event, session_seconds?, content_id?; identity a hash of all fields.</summary>
internal sealed class ActivityKind : DataKind
{
    public const int MaxEventLength = MaxWordLength;

    public override string Name => "activity";

    public override IReadOnlyList<FieldSpec> Fields { get; } =
    [
        new("user_id", true, "the user"),
        new("timestamp", true, "ISO 8601 with offset or Z; a date alone is midnight in the workspace time zone"),
        new("event", true, "signup, install, login, view, share, post or another lower-case word (a-z, 0-9, _)"),
        new("session_seconds", false, "length of the session in seconds, 0 to 86400"),
        new("content_id", false, "the content viewed, shared or posted"),
    ];

    public override string IdentityDescription => "a hash of all its fields";

    public override IFact? Parse(ReadOnlySpan<string?> v, ParseContext context, List<FieldError> errors)
    {
        var before = errors.Count;
        Text(v[0], "user_id", true, MaxIdLength, errors, out var user);
        Timestamp(v[1], "timestamp", context, errors, out var timestamp);
        Word(v[2], "event", true, MaxEventLength, errors, out var evt);
        Count(v[3], "session_seconds", false, 86_400, errors, out var seconds);
        Text(v[4], "content_id", false, MaxIdLength, errors, out var content);
        return errors.Count > before ? null : new ActivityEvent(user!, timestamp, evt!, (int?)seconds, content);
    }
}

/// <summary>
/// social: date, platform, account, followers?, reads?, interactions?, posts?; identity (date, platform, account). One row is
/// one official account's daily report as the platform exports it.
/// </summary>
internal sealed class SocialKind : DataKind
{
    public override string Name => "social";

    public override IReadOnlyList<FieldSpec> Fields { get; } =
    [
        new("date", true, "the day, YYYY-MM-DD"),
        new("platform", true, "weibo, wechat, douyin, zhihu, toutiao, xiaohongshu, bilibili or another lower-case word (a-z, 0-9, _)"),
        new("account", true, "the account's id or name on the platform"),
        new("followers", false, "followers at the end of the day, a whole number"),
        new("reads", false, "reads (views, plays) of the account's content that day, a whole number"),
        new("interactions", false, "likes, comments, shares and saves that day, a whole number"),
        new("posts", false, "posts the account published that day, a whole number"),
    ];

    public override string IdentityDescription => "(date, platform, account)";

    public override IFact? Parse(ReadOnlySpan<string?> v, ParseContext context, List<FieldError> errors)
    {
        var before = errors.Count;
        Date(v[0], "date", errors, out var date);
        Word(v[1], "platform", true, MaxWordLength, errors, out var platform);
        Text(v[2], "account", true, MaxIdLength, errors, out var account);
        Count(v[3], "followers", false, long.MaxValue, errors, out var followers);
        Count(v[4], "reads", false, long.MaxValue, errors, out var reads);
        Count(v[5], "interactions", false, long.MaxValue, errors, out var interactions);
        Count(v[6], "posts", false, long.MaxValue, errors, out var posts);
        return errors.Count > before ? null : new SocialFact(date, platform!, account!, followers, reads, interactions, posts);
    }
}

/// <summary>
/// appstore: date, store, impressions?, product_page_views?, installs; identity (date, store). No funnel order is enforced:
/// stores count installs made straight from search results without a product page view, and page views reached by links
/// without an impression.
/// </summary>
internal sealed class AppStoreKind : DataKind
{
    public override string Name => "appstore";

    public override IReadOnlyList<FieldSpec> Fields { get; } =
    [
        new("date", true, "the day, YYYY-MM-DD"),
        new("store", true, "apple_app_store, google_play, huawei_appgallery or another lower-case word (a-z, 0-9, _)"),
        new("impressions", false, "times the app was shown in the store, a whole number"),
        new("product_page_views", false, "views of the app's product page, a whole number"),
        new("installs", true, "first-time downloads, a whole number"),
    ];

    public override string IdentityDescription => "(date, store)";

    public override IFact? Parse(ReadOnlySpan<string?> v, ParseContext context, List<FieldError> errors)
    {
        var before = errors.Count;
        Date(v[0], "date", errors, out var date);
        Word(v[1], "store", true, MaxWordLength, errors, out var store);
        Count(v[2], "impressions", false, long.MaxValue, errors, out var impressions);
        Count(v[3], "product_page_views", false, long.MaxValue, errors, out var views);
        Count(v[4], "installs", true, long.MaxValue, errors, out var installs);
        return errors.Count > before ? null : new AppStoreFact(date, store!, impressions, views, installs!.Value);
    }
}

/// <summary>
/// store: date, store, visitors?, orders, gmv, refunds?; identity (date, store). One row is an e-commerce storefront's daily
/// report as the platform exports it. Orders may exceed visitors and refunds the day's GMV (a visitor orders twice; refunds
/// settle orders of earlier days), so neither is refused.
/// </summary>
internal sealed class StoreSalesKind : DataKind
{
    public override string Name => "store";

    public override IReadOnlyList<FieldSpec> Fields { get; } =
    [
        new("date", true, "the day, YYYY-MM-DD"),
        new("store", true, "the storefront, e.g. tmall_flagship"),
        new("visitors", false, "unique visitors that day, a whole number"),
        new("orders", true, "orders placed that day, a whole number"),
        new("gmv", true, "gross merchandise value of the day's orders, a non-negative amount"),
        new("refunds", false, "amount refunded that day, a non-negative amount"),
    ];

    public override string IdentityDescription => "(date, store)";

    public override IFact? Parse(ReadOnlySpan<string?> v, ParseContext context, List<FieldError> errors)
    {
        var before = errors.Count;
        Date(v[0], "date", errors, out var date);
        Text(v[1], "store", true, MaxIdLength, errors, out var store);
        Count(v[2], "visitors", false, long.MaxValue, errors, out var visitors);
        Count(v[3], "orders", true, long.MaxValue, errors, out var orders);
        Money(v[4], "gmv", true, errors, out var gmv);
        Money(v[5], "refunds", false, errors, out var refunds);
        return errors.Count > before ? null : new StoreSalesFact(date, store!, visitors, orders!.Value, gmv!.Value, refunds);
    }
}

/// <summary>
/// livestreams: session_id, campaign?, host, host_kind, start, end, viewers, peak_viewers, new_followers, orders, gmv;
/// identity session_id. One row is one live-stream session as the platform's back office reports it. Once every value
/// parses, the row must pass <see cref="LiveStreamRules.Validate"/> (without the people directory: a staff host is not looked
/// up here); each problem is reported on the column its path names.
/// </summary>
internal sealed class LiveStreamsKind : DataKind
{
    private static readonly (string, HostKind)[] HostKinds =
        [.. Enum.GetValues<HostKind>().Select(k => (EnumWords.Word(k), k))];

    public override string Name => "livestreams";

    public override IReadOnlyList<FieldSpec> Fields { get; } =
    [
        new("session_id", true, "the platform's id of the session"),
        new("campaign", false, "campaign code"),
        new("host", true, "a person id for a staff host; the influencer's name for an influencer"),
        new("host_kind", true, "staff or influencer"),
        new("start", true, "when the stream went live: ISO 8601 with offset or Z; a date alone is midnight in the workspace time zone"),
        new("end", true, "when it ended, after the start and at most 48 hours later; same format as start"),
        new("viewers", true, "unique viewers over the session, a whole number"),
        new("peak_viewers", true, "the most viewers at one moment, a whole number at most viewers (at least 1 when there were viewers)"),
        new("new_followers", true, "followers gained during the session, a whole number"),
        new("orders", true, "orders placed from the stream, a whole number"),
        new("gmv", true, "gross merchandise value of those orders, a non-negative amount (0 without orders)"),
    ];

    public override string IdentityDescription => "session_id";

    public override IFact? Parse(ReadOnlySpan<string?> v, ParseContext context, List<FieldError> errors)
    {
        var before = errors.Count;
        Text(v[0], "session_id", true, MaxIdLength, errors, out var id);
        Text(v[1], "campaign", false, MaxIdLength, errors, out var campaign);
        Text(v[2], "host", true, MaxIdLength, errors, out var host);
        Choice(v[3], "host_kind", true, HostKinds, errors, out var hostKind);
        Timestamp(v[4], "start", context, errors, out var start);
        Timestamp(v[5], "end", context, errors, out var end);
        Count(v[6], "viewers", true, long.MaxValue, errors, out var viewers);
        Count(v[7], "peak_viewers", true, long.MaxValue, errors, out var peak);
        Count(v[8], "new_followers", true, long.MaxValue, errors, out var followers);
        Count(v[9], "orders", true, long.MaxValue, errors, out var orders);
        Money(v[10], "gmv", true, errors, out var gmv);
        if (errors.Count > before)
        {
            return null;
        }

        var fact = new LiveStreamFact(id!, campaign, host!, hostKind!.Value, start, end, viewers!.Value, peak!.Value,
            followers!.Value, orders!.Value, gmv!.Value);
        foreach (var problem in LiveStreamRules.Validate(fact.ToSession()))
        {
            var index = IndexOf(problem.Path);
            errors.Add(new FieldError(problem.Path, index >= 0 ? v[index] : null, problem.Code, problem.Args));
        }

        return errors.Count > before ? null : fact;
    }
}
