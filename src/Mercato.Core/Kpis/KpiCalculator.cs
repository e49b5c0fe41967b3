using System.Globalization;
using Mercato.Core.DataCenter;

namespace Mercato.Core.Kpis;

/// <summary>
/// Turns the figures the store sums for a period into the value of every catalog KPI, with its inputs, or with the reason
/// it has none. Quotients and means are rounded to four decimal places (midpoint away from zero); counts and sums are
/// exact. A KPI has no value when its kind holds no data at all ("no activity data"), none in the period ("no activity
/// data in the period"), or when its divisor is zero. KPIs the measurement reports compute (<see cref="KpiSource.Measurement"/>)
/// are left empty for the host to fill.
/// </summary>
public static class KpiCalculator
{
    /// <summary>Decimal places of quotients and means.</summary>
    public const int Decimals = 4;

    /// <summary>The reason given for KPIs the measurement reports compute.</summary>
    public static Message MeasurementReason { get; } = new(KpiCodes.ByMeasurement);

    /// <summary>Every catalog KPI for the period of <paramref name="figures"/>, in catalog order.</summary>
    public static KpiReport Compute(KpiFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var results = new List<KpiResult>(KpiCatalog.All.Count);
        foreach (var kpi in KpiCatalog.All)
        {
            results.Add(kpi.Source == KpiSource.Measurement ? Empty(kpi.Id, MeasurementReason) : Compute(kpi.Id, figures));
        }

        return new KpiReport(figures.Period, figures.TimeZone, results);
    }

    private static KpiResult Compute(string id, KpiFigures f) => id switch
    {
        "new_users" or "retention_d1" or "retention_d7" or "retention_d30" or "dau" or "wau" or "mau" or "avg_session_minutes"
            or "content_published" or "content_views" or "content_interactions" or "content_shares" or "installs"
            or "registrations" or "visits_per_user" or "posts" => Missing(id, "activity", f.Activity?.RowsInPeriod) ?? Activity(id, f.Activity!),
        "reads" or "followers_gained" or "social_interactions" => Missing(id, "social", f.Social?.RowsInPeriod) ?? Social(id, f.Social!),
        "store_impressions" or "store_installs" or "store_conversion_rate" =>
            Missing(id, "appstore", f.AppStore?.RowsInPeriod) ?? AppStore(id, f.AppStore!),
        "gmv" or "orders" or "aov" or "store_conversion" => Missing(id, "store", f.Store?.RowsInPeriod) ?? Store(id, f.Store!),
        "reach" or "clicks" or "spend" => Missing(id, "spend", f.Spend?.RowsInPeriod) ?? Spend(id, f.Spend!),
        "negative_share" => Missing(id, "mentions", f.Mentions?.RowsInPeriod)
            ?? Quotient(id, In("negative mentions", f.Mentions!.Negative), In("scored mentions", f.Mentions.Scored), new Message(KpiCodes.NoScoredMentions)),
        "mention_reach" => Missing(id, "mentions", f.Mentions?.RowsInPeriod) ?? Total(id, "reach of the period's mentions", f.Mentions!.Reach),
        "share_of_voice" => Missing(id, "mentions", f.Mentions?.RowsInPeriod) ?? ShareOfVoice(id, f.Mentions!, f.Listening ?? ListeningInputs.None),
        "crisis_response_hours" or "crisis_resolution_hours" => Crisis(id, f),
        "cpa" => Missing(id, "spend", f.Spend?.RowsInPeriod)
            ?? (f.Conversions is null ? Missing(id, "conversions", null)!
                : Quotient(id, In("media spend", f.Spend!.Spend), In("conversions", f.Conversions.RowsInPeriod), new Message(KpiCodes.NoConversionsInPeriod))),
        _ => throw new InvalidOperationException("no formula for " + id),
    };

    private static KpiResult Activity(string id, ActivityFigures a) => id switch
    {
        "new_users" => Total(id, "users whose first signup or install falls in the period", a.Cohorts.Sum(c => c.Users)),
        "retention_d1" => Retention(id, a, 1),
        "retention_d7" => Retention(id, a, 7),
        "retention_d30" => Retention(id, a, 30),
        "dau" => Quotient(id, In("active user-days", a.ActiveUserDays), In("covered days", a.CoveredDays), new Message(KpiCodes.NoCoveredDay)),
        "wau" => Quotient(id, In("Σ over covered days of users active in the 7 days ending that day", a.WeeklyActiveSum),
            In("covered days", a.CoveredDays), new Message(KpiCodes.NoCoveredDay)),
        "mau" => Total(id, "users active in the 30 days ending on the last covered day", a.MonthlyActive),
        "avg_session_minutes" => Quotient(id, In("session minutes", a.SessionSeconds / 60m), In("sessions", a.Sessions),
            new Message(KpiCodes.NoSessionSeconds)),
        "content_published" => Total(id, "content ids first seen in the period", a.ContentPublished),
        "content_views" => Total(id, "view events", a.Views),
        "content_interactions" => Total(id, "like, comment, share and favorite events", a.Interactions),
        "content_shares" => Total(id, "share events", a.Shares),
        "installs" => Total(id, "install events", a.Installs),
        "registrations" => Total(id, "signup events", a.Signups),
        "visits_per_user" => Quotient(id, In("visits (events with session_seconds)", a.Sessions), In("active users", a.ActiveUsers),
            new Message(KpiCodes.NoActiveUser)),
        "posts" => Total(id, "post events", a.Posts),
        _ => throw new InvalidOperationException("no formula for " + id),
    };

    /// <summary>
    /// Classic day-N retention: of the period's new users whose day d + N is not after the last day of activity data, the
    /// share active on day d + N.
    /// </summary>
    private static KpiResult Retention(string id, ActivityFigures a, int n)
    {
        long eligible = 0, retained = 0, excluded = 0;
        foreach (var cohort in a.Cohorts)
        {
            if (cohort.Day.AddDays(n) > a.LastDay)
            {
                excluded += cohort.Users;
                continue;
            }

            eligible += cohort.Users;
            retained += n switch { 1 => cohort.ActiveDay1, 7 => cohort.ActiveDay7, _ => cohort.ActiveDay30 };
        }

        var day = a.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var inputs = new[]
        {
            In(string.Create(CultureInfo.InvariantCulture, $"new users active on day {n}"), retained),
            In(string.Create(CultureInfo.InvariantCulture, $"new users with day {n} on or before the last day of data ({day})"), eligible),
            In(string.Create(CultureInfo.InvariantCulture, $"new users left out: day {n} after the last day of data"), excluded),
        };
        if (eligible > 0)
        {
            return new KpiResult(id, Round((decimal)retained / eligible), inputs, null);
        }

        return new KpiResult(id, null, inputs, excluded > 0
            ? Message.Of(KpiCodes.NoUserOldEnough, ("days", n), ("last", a.LastDay))
            : new Message(KpiCodes.NoNewUsers));
    }

    private static KpiResult Social(string id, SocialFigures s) => id switch
    {
        "reads" => s.Reads is { } reads ? Total(id, "reads", reads) : NoRowCarries(id, "social", "reads"),
        "social_interactions" => s.Interactions is { } interactions
            ? Total(id, "interactions", interactions)
            : NoRowCarries(id, "social", "interactions"),
        "followers_gained" => s.Accounts.Count == 0
            ? Empty(id, new Message(KpiCodes.NoFollowers))
            : new KpiResult(id, s.Accounts.Sum(a => a.End - a.Before),
                [In("followers at the end of the period", s.Accounts.Sum(a => a.End)), In("followers before the period", s.Accounts.Sum(a => a.Before)),
                 In("accounts", s.Accounts.Count)],
                null),
        _ => throw new InvalidOperationException("no formula for " + id),
    };

    private static KpiResult AppStore(string id, AppStoreFigures s) => id switch
    {
        "store_impressions" => s.Impressions is { } impressions
            ? Total(id, "impressions", impressions)
            : NoRowCarries(id, "appstore", "impressions"),
        "store_installs" => Total(id, "installs", s.Installs),
        "store_conversion_rate" => s.Impressions is { } shown
            ? Quotient(id, In("installs on rows with impressions", s.InstallsWithImpressions), In("impressions", shown), new Message(KpiCodes.NoImpressionsInPeriod))
            : NoRowCarries(id, "appstore", "impressions"),
        _ => throw new InvalidOperationException("no formula for " + id),
    };

    private static KpiResult Store(string id, StoreSalesFigures s) => id switch
    {
        "gmv" => new KpiResult(id, s.Gmv, [In("gmv", s.Gmv)], null),
        "orders" => Total(id, "orders", s.Orders),
        "aov" => Quotient(id, In("gmv", s.Gmv), In("orders", s.Orders), new Message(KpiCodes.NoOrdersInPeriod)),
        "store_conversion" => s.Visitors is { } visitors
            ? Quotient(id, In("orders on rows with visitors", s.OrdersWithVisitors), In("visitors", visitors), new Message(KpiCodes.NoVisitorsInPeriod))
            : NoRowCarries(id, "store", "visitors"),
        _ => throw new InvalidOperationException("no formula for " + id),
    };

    private static KpiResult Spend(string id, SpendFigures s) => id switch
    {
        "reach" => s.Impressions is { } impressions ? Total(id, "impressions", impressions) : NoRowCarries(id, "spend", "impressions"),
        "clicks" => s.Clicks is { } clicks ? Total(id, "clicks", clicks) : NoRowCarries(id, "spend", "clicks"),
        "spend" => new KpiResult(id, s.Spend, [In("media spend", s.Spend)], null),
        _ => throw new InvalidOperationException("no formula for " + id),
    };

    /// <summary>Σ over brand terms of the mentions naming it ÷ Σ over brand and competitor terms (the Listening page's share of voice).</summary>
    private static KpiResult ShareOfVoice(string id, MentionFigures m, ListeningInputs listening)
    {
        var brand = listening.BrandTerms.ToHashSet(StringComparer.Ordinal);
        var competitor = listening.CompetitorTerms.ToHashSet(StringComparer.Ordinal);
        if (brand.Count == 0 || competitor.Count == 0)
        {
            return Empty(id, new Message(KpiCodes.NoVoiceTerms));
        }

        long own = 0, others = 0;
        foreach (var row in m.Terms)
        {
            foreach (var term in MentionTerms.Split(row.Terms))
            {
                own += brand.Contains(term) ? row.Mentions : 0;
                others += competitor.Contains(term) ? row.Mentions : 0;
            }
        }

        return Quotient(id, In("brand-term mentions", own), In("brand- and competitor-term mentions", own + others), new Message(KpiCodes.NoVoiceMentions));
    }

    /// <summary>Mean hours to first response over the cases opened in the period; mean hours to closing over those closed in it.</summary>
    private static KpiResult Crisis(string id, KpiFigures f)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(f.TimeZone);
        bool InPeriod(DateTimeOffset? at) => at is { } t && LocalTime.DayOf(t, zone) is var day && day >= f.Period.From && day <= f.Period.To;
        var cases = (f.Listening ?? ListeningInputs.None).Cases;
        if (id == "crisis_response_hours")
        {
            var opened = cases.Where(c => InPeriod(c.OpenedAt)).ToList();
            var answered = opened.Where(c => c.FirstResponseAt is not null).ToList();
            var hours = answered.Sum(c => (decimal)(c.FirstResponseAt!.Value - c.OpenedAt).TotalHours);
            var inputs = new[] { In("cases opened in the period", opened.Count), In("of them with an approved statement", answered.Count), In("hours to first response, summed", Round(hours)) };
            return answered.Count == 0
                ? new KpiResult(id, null, inputs, Message.Of(KpiCodes.NoCrisisCases, ("opened", opened.Count), ("responded", 0)))
                : new KpiResult(id, Round(hours / answered.Count), inputs, null);
        }

        var closed = cases.Where(c => InPeriod(c.ClosedAt)).ToList();
        var total = closed.Sum(c => (decimal)(c.ClosedAt!.Value - c.OpenedAt).TotalHours);
        var figures = new[] { In("cases closed in the period", closed.Count), In("hours from opening to closing, summed", Round(total)) };
        return closed.Count == 0
            ? new KpiResult(id, null, figures, new Message(KpiCodes.NoClosedCrisisCases))
            : new KpiResult(id, Round(total / closed.Count), figures, null);
    }

    /// <summary>
    /// No value with <see cref="KpiCodes.NoKindData"/> when the kind holds nothing, <see cref="KpiCodes.NoKindDataInPeriod"/>
    /// when none of it is in the period; null when it has rows in the period.
    /// </summary>
    private static KpiResult? Missing(string id, string kind, long? rowsInPeriod) => rowsInPeriod switch
    {
        null => Empty(id, Message.Of(KpiCodes.NoKindData, ("kind", kind))),
        0 => Empty(id, Message.Of(KpiCodes.NoKindDataInPeriod, ("kind", kind))),
        _ => null,
    };

    private static KpiResult NoRowCarries(string id, string kind, string field) =>
        Empty(id, Message.Of(KpiCodes.NoRowCarries, ("kind", kind), ("field", field)));

    private static KpiResult Total(string id, string name, decimal value) => new(id, value, [In(name, value)], null);

    /// <summary>numerator / denominator rounded like every KPI quotient, or no value with <paramref name="reasonWhenZero"/>.</summary>
    public static KpiResult Quotient(string id, KpiInput numerator, KpiInput denominator, Message reasonWhenZero) =>
        denominator.Value == 0
            ? new KpiResult(id, null, [numerator, denominator], reasonWhenZero)
            : new KpiResult(id, Round(numerator.Value / denominator.Value), [numerator, denominator], null);

    private static KpiResult Empty(string id, Message reason) => new(id, null, [], reason);

    private static KpiInput In(string name, decimal value) => new(name, value);

    private static decimal Round(decimal value) => decimal.Round(value, Decimals, MidpointRounding.AwayFromZero);
}
