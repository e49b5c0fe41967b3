namespace Mercato.Core.Kpis;

/// <summary>Why a KPI has no value (<see cref="KpiResult.Reason"/>).</summary>
public static class KpiCodes
{
    /// <summary>The KPI is computed by the measurement reports (attribution-based ROI), not by the KPI engine.</summary>
    public const string ByMeasurement = "kpi_by_measurement";

    /// <summary>The data <c>kind</c> the KPI reads holds no row at all.</summary>
    public const string NoKindData = "no_kind_data";

    /// <summary>The data <c>kind</c> the KPI reads holds no row in the period.</summary>
    public const string NoKindDataInPeriod = "no_kind_data_in_period";

    /// <summary>No row of the data <c>kind</c> in the period carries the optional <c>field</c> the KPI reads.</summary>
    public const string NoRowCarries = "no_row_carries";

    /// <summary>Cost per acquisition without a conversion in the period.</summary>
    public const string NoConversionsInPeriod = "no_conversions_in_period";

    /// <summary>An average per day without a day of activity data in the period.</summary>
    public const string NoCoveredDay = "no_covered_day";

    /// <summary>Session length without an activity event carrying session_seconds.</summary>
    public const string NoSessionSeconds = "no_session_seconds";

    /// <summary>Visits per user without an active user.</summary>
    public const string NoActiveUser = "no_active_user";

    /// <summary>Retention over <c>days</c> days when no new user is that old yet (<c>last</c> day of activity data).</summary>
    public const string NoUserOldEnough = "no_user_old_enough";

    /// <summary>Retention without new users in the period.</summary>
    public const string NoNewUsers = "no_new_users";

    /// <summary>Followers gained without a social row carrying followers up to the period's end.</summary>
    public const string NoFollowers = "no_followers";

    /// <summary>A rate over impressions without impressions in the period.</summary>
    public const string NoImpressionsInPeriod = "no_impressions_in_period";

    /// <summary>Average order value without orders in the period.</summary>
    public const string NoOrdersInPeriod = "no_orders_in_period";

    /// <summary>Store conversion without visitors in the period.</summary>
    public const string NoVisitorsInPeriod = "no_visitors_in_period";

    /// <summary>ROI without spend or costs in the period.</summary>
    public const string NoSpendOrCosts = "no_spend_or_costs";

    /// <summary>ROAS without media spend in the period.</summary>
    public const string NoMediaSpend = "no_media_spend";

    /// <summary>No mention of the period is in a language with a scorer, so no share of them is negative.</summary>
    public const string NoScoredMentions = "no_scored_mentions";

    /// <summary>The watch list names no brand or competitor term, so there is no voice to share.</summary>
    public const string NoVoiceTerms = "no_voice_terms";

    /// <summary>No mention of the period names a brand or competitor term of the watch list.</summary>
    public const string NoVoiceMentions = "no_voice_mentions";

    /// <summary>No crisis case was opened in the period (or none of them has an approved statement yet: <c>responded</c> is 0).</summary>
    public const string NoCrisisCases = "no_crisis_cases";

    /// <summary>No crisis case was closed in the period.</summary>
    public const string NoClosedCrisisCases = "no_closed_crisis_cases";
}
