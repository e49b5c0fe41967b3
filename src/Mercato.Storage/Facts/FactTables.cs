using System.Globalization;
using Mercato.Core.DataCenter;

namespace Mercato.Storage.Facts;

/// <summary>Maps channel names to catalog ids while facts are written, adding names the catalog does not hold yet.</summary>
internal interface IChannelIds
{
    /// <summary>The catalog id of <paramref name="name"/> (matched ignoring case), added when new.</summary>
    long Resolve(string name);
}

/// <summary>
/// How one data kind is held in the store: its table, its columns (besides <c>key</c> and <c>batch_id</c>) and how a fact
/// becomes column values. Adding a kind means adding a <see cref="DataKind"/> in Core, one of these, and its CREATE TABLE in each provider.
/// </summary>
internal abstract class FactTable
{
    public abstract DataKind Kind { get; }

    /// <summary>The <see cref="IFact"/> type the kind's parser produces.</summary>
    public abstract Type FactType { get; }

    public abstract string Table { get; }

    public abstract IReadOnlyList<string> Columns { get; }

    /// <summary>The columns holding text; every other column holds a 64-bit integer (amounts in stored units, instants in Unix ms).</summary>
    public static IReadOnlySet<string> TextColumns { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "day", "month", "campaign", "touchpoint_id", "user_id", "type", "referral_code", "conversion_id", "category", "kind",
        "event", "content_id", "platform", "account", "store", "session_id", "host", "host_kind",
        "mention_id", "source", "author", "text", "url", "language", "language_given", "label", "terms",
        "click_id", "device_id", "ip", "user_agent", "placement",
        "influencer", "post_id", "follower_id", "username",
    };

    /// <summary>True when the kind's dates are calendar days or months rather than instants.</summary>
    public virtual bool IsCalendar => false;

    /// <summary>The column a row is dated by: <c>ts</c> (Unix ms), <c>day</c> (YYYY-MM-DD) or <c>month</c> (YYYY-MM).</summary>
    public virtual string DateColumn => "ts";


    /// <summary>Writes the column values of <paramref name="fact"/> into <paramref name="values"/>, in <see cref="Columns"/> order.</summary>
    public abstract void Bind(IFact fact, Cell[] values, IChannelIds channels);

    /// <summary>The instant the fact is dated at, in Unix milliseconds (a day or month: its first instant in UTC).</summary>
    public abstract long DatedAt(IFact fact);


    protected static long DayMillis(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();

    protected static string DayText(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

internal sealed class SpendTable : FactTable
{
    public override Type FactType => typeof(SpendFact);

    public override DataKind Kind => DataKinds.Spend;

    public override string Table => "spend";

    public override string DateColumn => "day";

    public override IReadOnlyList<string> Columns { get; } = ["day", "channel_id", "campaign", "spend", "impressions", "clicks", "conversions", "installs", "hour"];

    public override bool IsCalendar => true;

    public override void Bind(IFact fact, Cell[] values, IChannelIds channels)
    {
        var f = (SpendFact)fact;
        values[0] = Cell.Of(DayText(f.Date));
        values[1] = Cell.Of(channels.Resolve(f.Channel));
        values[2] = Cell.Of(f.Campaign);
        values[3] = Cell.Of(StoredMoney.ToUnits(f.Spend));
        values[4] = Cell.Of(f.Impressions);
        values[5] = Cell.Of(f.Clicks);
        values[6] = Cell.Of(f.Conversions);
        values[7] = Cell.Of(f.Installs);
        values[8] = Cell.Of((long?)f.Hour);
    }

    public override long DatedAt(IFact fact) => DayMillis(((SpendFact)fact).Date);
}

internal sealed class TouchpointsTable : FactTable
{
    public override Type FactType => typeof(Touchpoint);

    public override DataKind Kind => DataKinds.Touchpoints;

    public override string Table => "touchpoints";

    public override IReadOnlyList<string> Columns { get; } =
        ["touchpoint_id", "user_id", "ts", "channel_id", "campaign", "type", "referral_code"];


    public override void Bind(IFact fact, Cell[] values, IChannelIds channels)
    {
        var f = (Touchpoint)fact;
        values[0] = Cell.Of(f.TouchpointId);
        values[1] = Cell.Of(f.UserId);
        values[2] = Cell.Of(f.Timestamp.ToUnixTimeMilliseconds());
        values[3] = Cell.Of(channels.Resolve(f.Channel));
        values[4] = Cell.Of(f.Campaign);
        values[5] = Cell.Of(f.Type.Word());
        values[6] = Cell.Of(f.ReferralCode);
    }

    public override long DatedAt(IFact fact) => ((Touchpoint)fact).Timestamp.ToUnixTimeMilliseconds();
}

internal sealed class ConversionsTable : FactTable
{
    public override Type FactType => typeof(Conversion);

    public override DataKind Kind => DataKinds.Conversions;

    public override string Table => "conversions";

    public override IReadOnlyList<string> Columns { get; } = ["conversion_id", "user_id", "ts", "revenue", "cost"];


    public override void Bind(IFact fact, Cell[] values, IChannelIds channels)
    {
        var f = (Conversion)fact;
        values[0] = Cell.Of(f.ConversionId);
        values[1] = Cell.Of(f.UserId);
        values[2] = Cell.Of(f.Timestamp.ToUnixTimeMilliseconds());
        values[3] = Cell.Of(StoredMoney.ToUnits(f.Revenue));
        values[4] = Cell.Of(f.Cost is { } cost ? StoredMoney.ToUnits(cost) : null);
    }

    public override long DatedAt(IFact fact) => ((Conversion)fact).Timestamp.ToUnixTimeMilliseconds();
}

internal sealed class CostsTable : FactTable
{
    public override Type FactType => typeof(CostFact);

    public override DataKind Kind => DataKinds.Costs;

    public override string Table => "costs";

    public override string DateColumn => "month";

    public override IReadOnlyList<string> Columns { get; } = ["month", "channel_id", "category", "amount", "kind", "campaign"];

    public override bool IsCalendar => true;

    public override void Bind(IFact fact, Cell[] values, IChannelIds channels)
    {
        var f = (CostFact)fact;
        values[0] = Cell.Of(f.Month.ToString());
        values[1] = Cell.Of(f.Channel is null ? null : channels.Resolve(f.Channel));
        values[2] = Cell.Of(f.Category.Word());
        values[3] = Cell.Of(StoredMoney.ToUnits(f.Amount));
        values[4] = Cell.Of(f.Kind.Word());
        values[5] = Cell.Of(f.Campaign);
    }

    public override long DatedAt(IFact fact) => DayMillis(((CostFact)fact).Month.FirstDay);
}

internal sealed class ActivityTable : FactTable
{
    public override Type FactType => typeof(ActivityEvent);

    public override DataKind Kind => DataKinds.Activity;

    public override string Table => "activity";

    public override IReadOnlyList<string> Columns { get; } = ["user_id", "ts", "event", "session_seconds", "content_id"];

    public override void Bind(IFact fact, Cell[] values, IChannelIds channels)
    {
        var f = (ActivityEvent)fact;
        values[0] = Cell.Of(f.UserId);
        values[1] = Cell.Of(f.Timestamp.ToUnixTimeMilliseconds());
        values[2] = Cell.Of(f.Event);
        values[3] = Cell.Of(f.SessionSeconds);
        values[4] = Cell.Of(f.ContentId);
    }

    public override long DatedAt(IFact fact) => ((ActivityEvent)fact).Timestamp.ToUnixTimeMilliseconds();
}

internal sealed class SocialTable : FactTable
{
    public override Type FactType => typeof(SocialFact);

    public override DataKind Kind => DataKinds.Social;

    public override string Table => "social";

    public override string DateColumn => "day";

    public override IReadOnlyList<string> Columns { get; } = ["day", "platform", "account", "followers", "reads", "interactions", "posts"];

    public override bool IsCalendar => true;

    public override void Bind(IFact fact, Cell[] values, IChannelIds channels)
    {
        var f = (SocialFact)fact;
        values[0] = Cell.Of(DayText(f.Date));
        values[1] = Cell.Of(f.Platform);
        values[2] = Cell.Of(f.Account);
        values[3] = Cell.Of(f.Followers);
        values[4] = Cell.Of(f.Reads);
        values[5] = Cell.Of(f.Interactions);
        values[6] = Cell.Of(f.Posts);
    }

    public override long DatedAt(IFact fact) => DayMillis(((SocialFact)fact).Date);
}

internal sealed class AppStoreTable : FactTable
{
    public override Type FactType => typeof(AppStoreFact);

    public override DataKind Kind => DataKinds.AppStore;

    public override string Table => "appstore";

    public override string DateColumn => "day";

    public override IReadOnlyList<string> Columns { get; } = ["day", "store", "impressions", "product_page_views", "installs"];

    public override bool IsCalendar => true;

    public override void Bind(IFact fact, Cell[] values, IChannelIds channels)
    {
        var f = (AppStoreFact)fact;
        values[0] = Cell.Of(DayText(f.Date));
        values[1] = Cell.Of(f.Store);
        values[2] = Cell.Of(f.Impressions);
        values[3] = Cell.Of(f.ProductPageViews);
        values[4] = Cell.Of(f.Installs);
    }

    public override long DatedAt(IFact fact) => DayMillis(((AppStoreFact)fact).Date);
}

internal sealed class StoreSalesTable : FactTable
{
    public override Type FactType => typeof(StoreSalesFact);

    public override DataKind Kind => DataKinds.Store;

    public override string Table => "store";

    public override string DateColumn => "day";

    public override IReadOnlyList<string> Columns { get; } = ["day", "store", "visitors", "orders", "gmv", "refunds"];

    public override bool IsCalendar => true;

    public override void Bind(IFact fact, Cell[] values, IChannelIds channels)
    {
        var f = (StoreSalesFact)fact;
        values[0] = Cell.Of(DayText(f.Date));
        values[1] = Cell.Of(f.Store);
        values[2] = Cell.Of(f.Visitors);
        values[3] = Cell.Of(f.Orders);
        values[4] = Cell.Of(StoredMoney.ToUnits(f.Gmv));
        values[5] = Cell.Of(f.Refunds is { } refunds ? StoredMoney.ToUnits(refunds) : null);
    }

    public override long DatedAt(IFact fact) => DayMillis(((StoreSalesFact)fact).Date);
}

internal sealed class LiveStreamsTable : FactTable
{
    public override Type FactType => typeof(LiveStreamFact);

    public override DataKind Kind => DataKinds.LiveStreams;

    public override string Table => "livestreams";

    /// <summary>A session is dated by its start, <c>ts</c>; its end is <c>end_ts</c>.</summary>
    public override IReadOnlyList<string> Columns { get; } =
        ["session_id", "campaign", "host", "host_kind", "ts", "end_ts", "viewers", "peak_viewers", "new_followers", "orders", "gmv"];


    public override void Bind(IFact fact, Cell[] values, IChannelIds channels)
    {
        var f = (LiveStreamFact)fact;
        values[0] = Cell.Of(f.SessionId);
        values[1] = Cell.Of(f.Campaign);
        values[2] = Cell.Of(f.Host);
        values[3] = Cell.Of(EnumWords.Word(f.HostKind));
        values[4] = Cell.Of(f.Start.ToUnixTimeMilliseconds());
        values[5] = Cell.Of(f.End.ToUnixTimeMilliseconds());
        values[6] = Cell.Of(f.Viewers);
        values[7] = Cell.Of(f.PeakViewers);
        values[8] = Cell.Of(f.NewFollowers);
        values[9] = Cell.Of(f.Orders);
        values[10] = Cell.Of(StoredMoney.ToUnits(f.Gmv));
    }

    public override long DatedAt(IFact fact) => ((LiveStreamFact)fact).Start.ToUnixTimeMilliseconds();
}

/// <summary>
/// A mention with what the import read off it: <c>language</c> (given or detected), <c>language_given</c> (null when
/// detected, so a rescore detects again), <c>score</c> in ten-thousandths, <c>label</c>, and the matched watch-list terms
/// between <c>|</c> marks.
/// </summary>
internal sealed class MentionsTable : FactTable
{
    public override Type FactType => typeof(MentionFact);

    public override DataKind Kind => DataKinds.Mentions;

    public override string Table => "mentions";

    public override IReadOnlyList<string> Columns { get; } =
    [
        "mention_id", "ts", "source", "author", "author_followers", "text", "url", "language", "language_given", "reach",
        "likes", "comments", "shares", "score", "label", "terms",
    ];

    /// <summary>Scores are stored in ten-thousandths: VADER's compound is given to four places.</summary>
    public static long ScoreUnits(double score) => (long)Math.Round(score * 10_000, MidpointRounding.AwayFromZero);

    public override void Bind(IFact fact, Cell[] values, IChannelIds channels)
    {
        var f = (MentionFact)fact;
        values[0] = Cell.Of(f.MentionId);
        values[1] = Cell.Of(f.Timestamp.ToUnixTimeMilliseconds());
        values[2] = Cell.Of(EnumWords.Word(f.Source));
        values[3] = Cell.Of(f.Author);
        values[4] = Cell.Of(f.AuthorFollowers);
        values[5] = Cell.Of(f.Text);
        values[6] = Cell.Of(f.Url);
        values[7] = Cell.Of(f.Annotation.Language);
        values[8] = Cell.Of(f.LanguageGiven);
        values[9] = Cell.Of(f.Reach);
        values[10] = Cell.Of(f.Likes);
        values[11] = Cell.Of(f.Comments);
        values[12] = Cell.Of(f.Shares);
        values[13] = Cell.Of(ScoreUnits(f.Annotation.Score));
        values[14] = Cell.Of(f.Annotation.Label);
        values[15] = Cell.Of(f.StoredTerms);
    }

    public override long DatedAt(IFact fact) => ((MentionFact)fact).Timestamp.ToUnixTimeMilliseconds();
}

/// <summary>
/// A click of a click-level log: the channel through the catalog, like spend and touchpoints; <c>ip</c> as given or as
/// truncated on import; the install instant in Unix ms, null when there was none.
/// </summary>
internal sealed class ClicksTable : FactTable
{
    public override Type FactType => typeof(ClickFact);

    public override DataKind Kind => DataKinds.Clicks;

    public override string Table => "clicks";

    public override IReadOnlyList<string> Columns { get; } =
        ["click_id", "ts", "channel_id", "campaign", "user_id", "device_id", "ip", "user_agent", "placement", "install_ts"];

    public override void Bind(IFact fact, Cell[] values, IChannelIds channels)
    {
        var f = ((ClickFact)fact).Click;
        values[0] = Cell.Of(f.ClickId);
        values[1] = Cell.Of(f.Timestamp.ToUnixTimeMilliseconds());
        values[2] = Cell.Of(channels.Resolve(f.Channel));
        values[3] = Cell.Of(f.Campaign);
        values[4] = Cell.Of(f.UserId);
        values[5] = Cell.Of(f.DeviceId);
        values[6] = Cell.Of(f.Ip);
        values[7] = Cell.Of(f.UserAgent);
        values[8] = Cell.Of(f.Placement);
        values[9] = Cell.Of(f.InstallTimestamp?.ToUnixTimeMilliseconds());
    }

    public override long DatedAt(IFact fact) => ((ClickFact)fact).Click.Timestamp.ToUnixTimeMilliseconds();
}

/// <summary>
/// An influencer's day: the influencer id lower-cased (the readers match ids ignoring case by lower-casing the one asked
/// for), the day as <c>YYYY-MM-DD</c> text, the averages in whole ten-thousandths (<see cref="Units"/>), null when not
/// reported.
/// </summary>
internal sealed class InfluencerSnapshotsTable : FactTable
{
    public override Type FactType => typeof(InfluencerSnapshotFact);

    public override DataKind Kind => DataKinds.InfluencerSnapshots;

    public override string Table => "influencer_snapshots";

    public override string DateColumn => "day";

    public override bool IsCalendar => true;

    public override IReadOnlyList<string> Columns { get; } =
        ["day", "influencer", "followers", "following", "posts", "avg_views", "avg_likes", "avg_comments", "avg_shares"];

    /// <summary>A non-negative decimal in whole ten-thousandths, as <see cref="FieldParsers.DecimalNumber"/> rounds it.</summary>
    public static long? Units(double? value) => value is { } v ? (long)Math.Round(v * 10_000, MidpointRounding.AwayFromZero) : null;

    /// <summary>The decimal of <paramref name="units"/> ten-thousandths.</summary>
    public static double? FromUnits(long? units) => units is { } u ? u / 10_000.0 : null;

    public override void Bind(IFact fact, Cell[] values, IChannelIds channels)
    {
        var f = (InfluencerSnapshotFact)fact;
        values[0] = Cell.Of(DayText(f.Date));
        values[1] = Cell.Of(f.Influencer.ToLowerInvariant());
        values[2] = Cell.Of(f.Followers);
        values[3] = Cell.Of(f.Following);
        values[4] = Cell.Of(f.Posts);
        values[5] = Cell.Of(Units(f.AvgViews));
        values[6] = Cell.Of(Units(f.AvgLikes));
        values[7] = Cell.Of(Units(f.AvgComments));
        values[8] = Cell.Of(Units(f.AvgShares));
    }

    public override long DatedAt(IFact fact) => DayMillis(((InfluencerSnapshotFact)fact).Date);
}

/// <summary>An influencer's post: the influencer id lower-cased, published at <c>ts</c> (Unix ms), its counts as last imported.</summary>
internal sealed class InfluencerPostsTable : FactTable
{
    public override Type FactType => typeof(InfluencerPostFact);

    public override DataKind Kind => DataKinds.InfluencerPosts;

    public override string Table => "influencer_posts";

    public override IReadOnlyList<string> Columns { get; } =
        ["post_id", "influencer", "ts", "campaign", "views", "likes", "comments", "shares", "saves"];

    public override void Bind(IFact fact, Cell[] values, IChannelIds channels)
    {
        var f = (InfluencerPostFact)fact;
        values[0] = Cell.Of(f.PostId);
        values[1] = Cell.Of(f.Influencer.ToLowerInvariant());
        values[2] = Cell.Of(f.Timestamp.ToUnixTimeMilliseconds());
        values[3] = Cell.Of(f.Campaign);
        values[4] = Cell.Of(f.Views);
        values[5] = Cell.Of(f.Likes);
        values[6] = Cell.Of(f.Comments);
        values[7] = Cell.Of(f.Shares);
        values[8] = Cell.Of(f.Saves);
    }

    public override long DatedAt(IFact fact) => ((InfluencerPostFact)fact).Timestamp.ToUnixTimeMilliseconds();
}

/// <summary>
/// One follower of an audit sample: the influencer id lower-cased, the sample's day (<c>sampled_at</c>) in <c>day</c> as
/// <c>YYYY-MM-DD</c> text like every dated-by-day table, the flags as 1 and 0.
/// </summary>
internal sealed class InfluencerFollowersTable : FactTable
{
    public override Type FactType => typeof(InfluencerFollowerFact);

    public override DataKind Kind => DataKinds.InfluencerFollowers;

    public override string Table => "influencer_followers";

    public override string DateColumn => "day";

    public override bool IsCalendar => true;

    public override IReadOnlyList<string> Columns { get; } =
    [
        "influencer", "day", "follower_id", "followers", "following", "posts", "has_profile_picture", "is_private", "username",
        "bio_length", "account_age_days",
    ];

    public override void Bind(IFact fact, Cell[] values, IChannelIds channels)
    {
        var f = (InfluencerFollowerFact)fact;
        var p = f.Profile;
        values[0] = Cell.Of(f.Influencer.ToLowerInvariant());
        values[1] = Cell.Of(DayText(f.SampledAt));
        values[2] = Cell.Of(p.FollowerId);
        values[3] = Cell.Of(p.Followers);
        values[4] = Cell.Of(p.Following);
        values[5] = Cell.Of(p.Posts);
        values[6] = Cell.Of(p.HasProfilePicture ? 1L : 0L);
        values[7] = Cell.Of(p.IsPrivate ? 1L : 0L);
        values[8] = Cell.Of(p.Username);
        values[9] = Cell.Of((long?)p.BioLength);
        values[10] = Cell.Of((long?)p.AccountAgeDays);
    }

    public override long DatedAt(IFact fact) => DayMillis(((InfluencerFollowerFact)fact).SampledAt);
}

/// <summary>The fact tables by kind.</summary>
internal static class FactTables
{
    public static IReadOnlyList<FactTable> All { get; } =
    [
        new SpendTable(), new TouchpointsTable(), new ConversionsTable(), new CostsTable(), new ActivityTable(),
        new SocialTable(), new AppStoreTable(), new StoreSalesTable(), new LiveStreamsTable(), new MentionsTable(), new ClicksTable(),
        new InfluencerSnapshotsTable(), new InfluencerPostsTable(), new InfluencerFollowersTable(),
    ];

    private static readonly Dictionary<Type, FactTable> ByFactType = All.ToDictionary(t => t.FactType);

    public static FactTable For(DataKind kind) => All.First(t => ReferenceEquals(t.Kind, kind));

    public static FactTable For(IFact fact) =>
        ByFactType.TryGetValue(fact.GetType(), out var table)
            ? table
            : throw new ArgumentException("unknown fact type " + fact.GetType().Name, nameof(fact));
}

/// <summary>One column value on its way to the store, without boxing: an integer, a text or null.</summary>
internal readonly struct Cell
{
    private Cell(long integer, string? text, bool isNull)
    {
        Integer = integer;
        Text = text;
        IsNull = isNull;
    }

    public long Integer { get; }

    public string? Text { get; }

    public bool IsNull { get; }

    public static Cell Of(long value) => new(value, null, false);

    public static Cell Of(long? value) => value is { } v ? new(v, null, false) : new(0, null, true);

    public static Cell Of(string? value) => new(0, value, value is null);
}
