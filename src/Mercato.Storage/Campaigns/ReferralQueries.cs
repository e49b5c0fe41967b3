using Dapper;
using Mercato.Core.Campaigns;
using Mercato.Core.Measurement;
using Mercato.Core.Measurement.Attribution;
using Mercato.Storage.Measurement;
using Mercato.Storage.Sqlite;

namespace Mercato.Storage.Campaigns;

/// <summary>
/// Referral crediting from the store (docs/campaigns.md, all-staff marketing): touches per referral code by the store's
/// GROUP BY, and the conversions and revenue an attribution model credits to each code when journeys are labelled by the
/// referral code for touches that carry one and by channel otherwise (<see cref="JourneyLabel.Referral"/>). The
/// in-memory reference is <see cref="Referrals.Tally"/>; <see cref="Referrals.Leaderboard"/> turns the tallies into
/// person and unit leaderboards.
/// </summary>
public sealed class ReferralQueries(MercatoStore store)
{
    /// <summary>
    /// One line per normalized referral code (<see cref="ReferralCode.Normalize"/>), by code (ordinal). Touches are the
    /// touchpoints carrying the code dated in [from, to] (UTC days, as journeys count them). Conversions and revenue are
    /// the model's credit to the code over the journeys of conversions in [from, to], whose touches reach back the lookback
    /// before <paramref name="from"/>: a code touched only in that lookback shows its credit with 0 touches, so the tallies
    /// and the channels' credits together add up to every conversion that had a touch.
    /// </summary>
    /// <param name="from">First day, inclusive; null for all.</param>
    /// <param name="to">Last day, inclusive; null for all.</param>
    /// <param name="model">The attribution model.</param>
    /// <param name="lookbackDays">How far before a conversion a touch still belongs to its journey.</param>
    /// <param name="options">Markov order, half-life; null for the defaults.</param>
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public IReadOnlyList<ReferralTally> Tallies(
        DateOnly? from, DateOnly? to, AttributionModel model, int lookbackDays = 30, AttributionOptions? options = null)
    {
        if (from is { } f && to is { } t && t < f)
        {
            throw new ArgumentException("the range ends before it starts", nameof(to));
        }

        var lines = new SortedDictionary<string, (long Touches, double Conversions, double Revenue)>(StringComparer.Ordinal);
        foreach (var (code, touches) in Touches(from, to))
        {
            if (ReferralCode.Normalize(code) is { } normalized)
            {
                var line = lines.GetValueOrDefault(normalized);
                lines[normalized] = (line.Touches + touches, line.Conversions, line.Revenue);
            }
        }

        foreach (var credit in Credits(new JourneyQuery(from, to, lookbackDays, JourneyLabel.Referral), model, options))
        {
            if (JourneyLabels.ReferralCodeOf(credit.Label) is { } code)
            {
                var line = lines.GetValueOrDefault(code);
                lines[code] = (line.Touches, line.Conversions + credit.Conversions, line.Revenue + credit.Revenue);
            }
        }

        return [.. lines.Select(l => new ReferralTally(l.Key, l.Value.Touches, l.Value.Conversions, l.Value.Revenue))];
    }

    /// <summary>Touchpoints per raw referral code in [from, to]; codes are normalized by the caller (SQLite's UPPER is ASCII only).</summary>
    private IEnumerable<(string Code, long Touches)> Touches(DateOnly? from, DateOnly? to)
    {
        var (first, last) = JourneyScan.Bounds(from, to);
        using var connection = store.OpenConnection();
        return connection.Query<(string Code, long Touches)>(
                """
                SELECT referral_code, COUNT(*) FROM touchpoints
                WHERE referral_code IS NOT NULL AND ts BETWEEN @first AND @last
                GROUP BY referral_code
                """,
                new { first, last })
            .ToList();
    }

    private IReadOnlyList<Credit> Credits(JourneyQuery query, AttributionModel model, AttributionOptions? options)
    {
        var journeys = new JourneyQueries(store);
        if (model == AttributionModel.TimeDecay)
        {
            // Time decay reads only the timed paths: one scan, not two.
            var timed = journeys.TimedPaths(query);
            return timed.Count == 0 ? [] : AttributionModels.Attribute(model, [], timed, options).Credits;
        }

        // With no conversion there is nothing to credit (and Markov has no conversion probability to remove from).
        var paths = journeys.Paths(query).Paths;
        return paths.All(p => p.Conversions == 0) ? [] : AttributionModels.Attribute(model, paths, null, options).Credits;
    }
}
