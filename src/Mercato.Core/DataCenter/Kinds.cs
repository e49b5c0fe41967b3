using static Mercato.Core.DataCenter.FieldParsers;

namespace Mercato.Core.DataCenter;

/// <summary>spend: date, channel, campaign?, spend, impressions?, clicks?; identity (date, channel, campaign).</summary>
internal sealed class SpendKind : DataKind
{
    public override string Name => "spend";

    public override IReadOnlyList<FieldSpec> Fields { get; } =
    [
        new("date", true, "the day, YYYY-MM-DD"),
        new("channel", true, "channel name"),
        new("campaign", false, "campaign code"),
        new("spend", true, "media spend, a non-negative amount"),
        new("impressions", false, "impressions served, a whole number"),
        new("clicks", false, "clicks, a whole number no larger than impressions"),
    ];

    public override string IdentityDescription => "(date, channel, campaign)";

    public override IFact? Parse(ReadOnlySpan<string?> v, ParseContext context, List<FieldError> errors)
    {
        var before = errors.Count;
        Date(v[0], "date", errors, out var date);
        Text(v[1], "channel", true, MaxChannelLength, errors, out var channel);
        Text(v[2], "campaign", false, MaxIdLength, errors, out var campaign);
        Money(v[3], "spend", true, errors, out var spend);
        Count(v[4], "impressions", false, long.MaxValue, errors, out var impressions);
        Count(v[5], "clicks", false, long.MaxValue, errors, out var clicks);
        if (errors.Count == before && impressions is not null && clicks > impressions)
        {
            errors.Add(new FieldError("clicks", v[5], "clicks exceed impressions"));
        }

        return errors.Count > before ? null : new SpendFact(date, channel!, campaign, spend!.Value, impressions, clicks);
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

/// <summary>costs: month, channel?, category, amount, kind; identity (month, channel, category).</summary>
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
    ];

    public override string IdentityDescription => "(month, channel, category)";

    public override IFact? Parse(ReadOnlySpan<string?> v, ParseContext context, List<FieldError> errors)
    {
        var before = errors.Count;
        Month(v[0], "month", errors, out var month);
        Text(v[1], "channel", false, MaxChannelLength, errors, out var channel);
        Choice(v[2], "category", true, Categories, errors, out var category);
        Money(v[3], "amount", true, errors, out var amount);
        Choice(v[4], "kind", true, Kinds, errors, out var kind);
        return errors.Count > before ? null : new CostFact(month, channel, category!.Value, amount!.Value, kind!.Value);
    }

    /// <summary>The contract's word for a category.</summary>
    public static string Word(CostCategory category) => Categories.First(c => c.Item2 == category).Item1;
}

/// <summary>activity: user_id, timestamp, event, session_seconds?, content_id?; identity a hash of all fields.</summary>
internal sealed class ActivityKind : DataKind
{
    public const int MaxEventLength = 40;

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
        if (Text(v[2], "event", true, MaxEventLength, errors, out var evt) && evt is not null)
        {
            evt = evt.ToLowerInvariant();
            if (!evt.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
            {
                errors.Add(new FieldError("event", v[2], "use letters, digits and '_' only"));
            }
        }

        Count(v[3], "session_seconds", false, 86_400, errors, out var seconds);
        Text(v[4], "content_id", false, MaxIdLength, errors, out var content);
        return errors.Count > before ? null : new ActivityEvent(user!, timestamp, evt!, (int?)seconds, content);
    }
}
