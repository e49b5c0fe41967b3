namespace Mercato.Core.Kpis;

/// <summary>
/// What the store sums for one period, per source kind: the inputs of <see cref="KpiCalculator"/>. A kind's figures are
/// null when the store holds no row of that kind at all; a kind with rows, none of them in the period, has figures
/// whose <c>RowsInPeriod</c> is 0.
/// </summary>
/// <param name="Period">The local days the figures cover.</param>
/// <param name="TimeZone">The workspace time zone the days are local to (IANA id).</param>
/// <param name="Activity">Activity figures.</param>
/// <param name="Social">Social-account figures.</param>
/// <param name="AppStore">App-store figures.</param>
/// <param name="Store">E-commerce store figures.</param>
/// <param name="Spend">Media spend figures.</param>
/// <param name="Conversions">Conversion figures.</param>
/// <param name="Mentions">Public-mention figures.</param>
/// <param name="Listening">What the KPIs of public-opinion monitoring read from documents (the watch list, the crisis cases),
/// added by the host; null reads as an empty watch list and no case.</param>
public sealed record KpiFigures(
    KpiPeriod Period,
    string TimeZone,
    ActivityFigures? Activity,
    SocialFigures? Social,
    AppStoreFigures? AppStore,
    StoreSalesFigures? Store,
    SpendFigures? Spend,
    ConversionFigures? Conversions,
    MentionFigures? Mentions = null,
    ListeningInputs? Listening = null);

/// <summary>The documents the public-opinion KPIs read besides the mentions.</summary>
/// <param name="BrandTerms">The watch list's brand terms (the company's own voice).</param>
/// <param name="CompetitorTerms">The watch list's competitor terms.</param>
/// <param name="Cases">Every crisis case's times.</param>
public sealed record ListeningInputs(IReadOnlyList<string> BrandTerms, IReadOnlyList<string> CompetitorTerms, IReadOnlyList<CaseTimes> Cases)
{
    /// <summary>No watch-list term and no case.</summary>
    public static ListeningInputs None { get; } = new([], [], []);
}

/// <summary>When a crisis case opened, was first answered and closed.</summary>
/// <param name="OpenedAt">When it was opened.</param>
/// <param name="FirstResponseAt">The earliest approval of a statement, or null.</param>
/// <param name="ClosedAt">When it was closed, or null while it is not.</param>
public sealed record CaseTimes(DateTimeOffset OpenedAt, DateTimeOffset? FirstResponseAt, DateTimeOffset? ClosedAt);

/// <summary>Mentions of the period with one set of matched watch-list terms.</summary>
/// <param name="Terms">The matched terms in their stored form (<c>|a|b|</c>, see <c>MentionTerms</c>).</param>
/// <param name="Mentions">How many.</param>
public sealed record MentionTermCount(string Terms, long Mentions);

/// <summary>Public mentions published in the period (local days in the workspace time zone).</summary>
/// <param name="RowsInPeriod">Mentions in the period.</param>
/// <param name="Scored">Of those, labelled positive, negative or neutral (a language with a scorer).</param>
/// <param name="Negative">Of those, labelled negative.</param>
/// <param name="Reach">Σ reach of the period's mentions (missing counts as 0).</param>
/// <param name="Terms">The period's mentions that matched a watch-list term, by their set of matched terms.</param>
public sealed record MentionFigures(long RowsInPeriod, long Scored, long Negative, long Reach, IReadOnlyList<MentionTermCount> Terms);

/// <summary>Activity summed over the period (local days in the workspace time zone).</summary>
/// <param name="RowsInPeriod">Activity events in the period.</param>
/// <param name="FirstDay">The first local day holding an activity event, in all the data.</param>
/// <param name="LastDay">The last local day holding an activity event, in all the data ("the last day of activity data").</param>
/// <param name="ActiveUsers">Distinct users with an event in the period.</param>
/// <param name="Cohorts">Per local day of the period, the users whose first signup or install in all the data is that day,
/// and how many of them have an event exactly 1, 7 and 30 days later.</param>
/// <param name="CoveredDays">The period's days from <see cref="FirstDay"/> to <see cref="LastDay"/>.</param>
/// <param name="ActiveUserDays">Distinct (user, day) pairs with an event on the covered days.</param>
/// <param name="WeeklyActiveSum">Σ over the covered days t of the distinct users with an event on days t − 6 to t.</param>
/// <param name="MonthlyActive">Distinct users with an event on the 30 days ending on the last covered day.</param>
/// <param name="Sessions">Events of the period carrying session_seconds.</param>
/// <param name="SessionSeconds">Σ session_seconds of those events.</param>
/// <param name="ContentPublished">Distinct content ids whose earliest event in all the data falls in the period.</param>
/// <param name="Views">view events.</param>
/// <param name="Interactions">like, comment, share and favorite events.</param>
/// <param name="Shares">share events.</param>
/// <param name="Installs">install events.</param>
/// <param name="Signups">signup events.</param>
/// <param name="Posts">post events.</param>
public sealed record ActivityFigures(
    long RowsInPeriod,
    DateOnly FirstDay,
    DateOnly LastDay,
    long ActiveUsers,
    IReadOnlyList<RetentionCohort> Cohorts,
    int CoveredDays,
    long ActiveUserDays,
    long WeeklyActiveSum,
    long MonthlyActive,
    long Sessions,
    long SessionSeconds,
    long ContentPublished,
    long Views,
    long Interactions,
    long Shares,
    long Installs,
    long Signups,
    long Posts);

/// <summary>The new users of one local day and how many of them came back exactly 1, 7 and 30 days later.</summary>
public sealed record RetentionCohort(DateOnly Day, long Users, long ActiveDay1, long ActiveDay7, long ActiveDay30);

/// <summary>Social rows dated in the period, and the followers of every account.</summary>
/// <param name="RowsInPeriod">Rows dated in the period.</param>
/// <param name="Reads">Σ reads over those rows, null when none carries reads.</param>
/// <param name="Interactions">Σ interactions, null when none carries interactions.</param>
/// <param name="Accounts">Followers of each account with a followers value up to the period's last day.</param>
public sealed record SocialFigures(long RowsInPeriod, long? Reads, long? Interactions, IReadOnlyList<AccountFollowers> Accounts);

/// <summary>One account's followers at the end of the period and before it.</summary>
/// <param name="Platform">The platform.</param>
/// <param name="Account">The account on the platform.</param>
/// <param name="Before">Followers on its last row before the period, else on its first row in the period.</param>
/// <param name="End">Followers on its last row up to the period's last day.</param>
public sealed record AccountFollowers(string Platform, string Account, long Before, long End);

/// <summary>App-store rows dated in the period.</summary>
/// <param name="RowsInPeriod">Rows dated in the period.</param>
/// <param name="Impressions">Σ impressions over the rows carrying impressions; null when none does.</param>
/// <param name="Installs">Σ installs over all rows.</param>
/// <param name="InstallsWithImpressions">Σ installs over the rows carrying impressions.</param>
public sealed record AppStoreFigures(long RowsInPeriod, long? Impressions, long Installs, long InstallsWithImpressions);

/// <summary>Store (e-commerce) rows dated in the period.</summary>
/// <param name="RowsInPeriod">Rows dated in the period.</param>
/// <param name="Orders">Σ orders.</param>
/// <param name="Gmv">Σ gmv.</param>
/// <param name="Visitors">Σ visitors over the rows carrying visitors; null when none does.</param>
/// <param name="OrdersWithVisitors">Σ orders over the rows carrying visitors.</param>
public sealed record StoreSalesFigures(long RowsInPeriod, long Orders, decimal Gmv, long? Visitors, long OrdersWithVisitors);

/// <summary>Spend rows dated in the period.</summary>
/// <param name="RowsInPeriod">Rows dated in the period.</param>
/// <param name="Spend">Σ spend.</param>
/// <param name="Impressions">Σ impressions over the rows carrying impressions; null when none does.</param>
/// <param name="Clicks">Σ clicks over the rows carrying clicks; null when none does.</param>
public sealed record SpendFigures(long RowsInPeriod, decimal Spend, long? Impressions, long? Clicks);

/// <summary>Conversions whose instant falls in the period.</summary>
public sealed record ConversionFigures(long RowsInPeriod);
