namespace Mercato.Core.DataCenter;

/// <summary>One field of a data kind's contract.</summary>
/// <param name="Name">The column name in CSV and the property name in JSON Lines, exactly.</param>
/// <param name="Required">Whether the column must be present and every row must have a value.</param>
/// <param name="Description">What the field holds and which values are valid.</param>
/// <param name="Instead">
/// The required field this one may replace (spend's <c>timestamp</c> instead of <c>date</c>): a file carries exactly one
/// of the two columns, and a row exactly one of the two values. Null for an ordinary field.
/// </param>
public sealed record FieldSpec(string Name, bool Required, string Description, string? Instead = null);

/// <summary>Why one value of one row was refused.</summary>
/// <param name="Column">The column (a contract field name, or <c>(row)</c>, <c>(header)</c> for the whole row or header).</param>
/// <param name="Value">The raw value, when there is one.</param>
/// <param name="Code">Why: one of the <see cref="ImportCodes"/> or <see cref="CommonCodes"/>.</param>
/// <param name="Args">The values its sentence names (the limit, the expected words, ...).</param>
[MessageText("reason")]
public sealed record FieldError(string Column, string? Value, string Code, MessageArgs Args) : ICodedMessage
{
    /// <summary>Why: a snake_case code.</summary>
    public string Code { get; init; } = CodeForm.Checked(Code);

    /// <summary>An error without arguments.</summary>
    public FieldError(string column, string? value, string code)
        : this(column, value, code, MessageArgs.Empty)
    {
    }

    /// <summary>An error with the arguments in the order given.</summary>
    public static FieldError Of(string column, string? value, string code, params (string Name, object? Value)[] args) =>
        new(column, value, code, MessageArgs.Of(args));
}

/// <summary>What a parser needs beyond the row itself.</summary>
/// <param name="TimeZone">The workspace time zone: a date without a time means midnight there.</param>
/// <param name="Mentions">Reads language, sentiment and watch-list terms off a mention's text; null: language as given, not scored, no terms.</param>
/// <param name="TruncateIps">
/// Whether click IPs are truncated for privacy as they are imported (IPv4 to /24, IPv6 to /48: the workspace setting
/// <see cref="WorkspaceSettings.TruncateClickIps"/>); false stores them as given.
/// </param>
public sealed record ParseContext(TimeZoneInfo TimeZone, IMentionAnnotator? Mentions = null, bool TruncateIps = false)
{
    /// <summary>UTC, the default workspace time zone.</summary>
    public static ParseContext Utc { get; } = new(TimeZoneInfo.Utc);
}

/// <summary>
/// A kind of data the data center takes in: its field contract and the parser that turns one row of raw text values
/// into a canonical fact or into field errors. Adding a kind means adding one of these and one table in the store.
/// </summary>
public abstract class DataKind
{
    /// <summary>The kind's name on the command line and in URLs, e.g. <c>touchpoints</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The fields, in the order <see cref="Parse"/> receives their values.</summary>
    public abstract IReadOnlyList<FieldSpec> Fields { get; }

    /// <summary>A sentence saying which fields make a row's identity.</summary>
    public abstract string IdentityDescription { get; }

    /// <summary>
    /// Parses one row. <paramref name="values"/> holds one raw value per field of <see cref="Fields"/>, null when the
    /// column is absent or the cell is empty. Returns the fact, or null after adding at least one error.
    /// </summary>
    public abstract IFact? Parse(ReadOnlySpan<string?> values, ParseContext context, List<FieldError> errors);

    /// <summary>The fields that may stand instead of <paramref name="fieldName"/> (see <see cref="FieldSpec.Instead"/>).</summary>
    public IEnumerable<FieldSpec> AlternativesOf(string fieldName) =>
        Fields.Where(f => string.Equals(f.Instead, fieldName, StringComparison.Ordinal));

    /// <summary>The index of a field by name, or -1.</summary>
    public int IndexOf(string fieldName)
    {
        for (var i = 0; i < Fields.Count; i++)
        {
            if (string.Equals(Fields[i].Name, fieldName, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>The kinds this version of Mercato knows.</summary>
public static class DataKinds
{
    /// <summary>Media spend per day, channel and campaign.</summary>
    public static DataKind Spend { get; } = new SpendKind();
    /// <summary>Contacts between users and channels.</summary>
    public static DataKind Touchpoints { get; } = new TouchpointsKind();
    /// <summary>Orders with revenue and product cost.</summary>
    public static DataKind Conversions { get; } = new ConversionsKind();
    /// <summary>Non-media costs per month.</summary>
    public static DataKind Costs { get; } = new CostsKind();
    /// <summary>User activity events (for the user-operations KPIs).</summary>
    public static DataKind Activity { get; } = new ActivityKind();
    /// <summary>Posts and their engagement on social accounts.</summary>
    public static DataKind Social { get; } = new SocialKind();
    /// <summary>App-store listings: ratings, installs, rankings.</summary>
    public static DataKind AppStore { get; } = new AppStoreKind();
    /// <summary>Store (shop) sales per day.</summary>
    public static DataKind Store { get; } = new StoreSalesKind();
    /// <summary>Live-stream sessions with viewers, orders and GMV.</summary>
    public static DataKind LiveStreams { get; } = new LiveStreamsKind();
    /// <summary>Public mentions of the company, its products and competitors, with their sentiment.</summary>
    public static DataKind Mentions { get; } = new MentionsKind();
    /// <summary>Click-level logs of paid channels (ad monitoring: invalid traffic, claims).</summary>
    public static DataKind Clicks { get; } = new ClicksKind();
    /// <summary>An influencer's account on one day: followers, following, posts and average engagement (influencer audits).</summary>
    public static DataKind InfluencerSnapshots { get; } = new InfluencerSnapshotsKind();
    /// <summary>An influencer's posts and their counts (influencer audits: engagement, sponsored posts).</summary>
    public static DataKind InfluencerPosts { get; } = new InfluencerPostsKind();
    /// <summary>Followers sampled from an influencer's audience (influencer audits: fake followers).</summary>
    public static DataKind InfluencerFollowers { get; } = new InfluencerFollowersKind();

    /// <summary>Every kind, in the order the docs list them.</summary>
    public static IReadOnlyList<DataKind> All { get; } =
        [Spend, Touchpoints, Conversions, Costs, Activity, Social, AppStore, Store, LiveStreams, Mentions, Clicks, InfluencerSnapshots, InfluencerPosts, InfluencerFollowers];

    /// <summary>Finds a kind by name (case-insensitive).</summary>
    public static DataKind? Find(string? name) =>
        All.FirstOrDefault(k => string.Equals(k.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
