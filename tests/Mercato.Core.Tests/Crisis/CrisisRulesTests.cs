using Mercato.Core.Alerts;
using Mercato.Core.Campaigns;
using Mercato.Core.Crisis;
using Mercato.Core.Listening;

namespace Mercato.Core.Tests.Crisis;

/// <summary>Crisis cases: severe-only opening, statuses, four eyes, figures exact on a hand-made series, the timeline, campaigns to pause.</summary>
public class CrisisRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 8, 0, 0, TimeSpan.Zero);

    private static Alert AlertOf(AlertSeverity severity) =>
        AlertRules.Merge([], new AlertCandidate(AlertKind.ListeningSpike, "listening_spike:召回:2026-03-14T08", severity, "Mentions of 召回 at 5× the usual level", T0,
            new AlertEvidence("mentions per hour", 50, 10, 4.2, T0, null, T0, null, [new("term", "召回")]), "public_opinion_monitoring"), "listening", "A-000003", "ann", "system", T0).Alert;

    private static CrisisCase Opened() =>
        Expect(CrisisRules.Open("C-000001", "Recall rumour", ["召回"], T0, AlertSeverity.Severe, "bo", "ann", T0.AddMinutes(30)));

    private static T Expect<T>(Outcome<T> outcome)
    {
        Assert.True(outcome.IsOk, outcome.ToString());
        return outcome.Value!;
    }

    private static long Hour(DateTimeOffset at) => at.ToUnixTimeSeconds() / 3600;

    [Fact]
    public void ACase_OpensOnlyFromASevereAlert_TakingItsSubjectTermsAndSince()
    {
        var warning = CrisisRules.OpenFromAlert(AlertOf(AlertSeverity.Warning), "C-000001", "bo", "ann", T0);
        Assert.Equal((OutcomeKind.Refused, CrisisCodes.NotSevere), (warning.Kind, warning.Code));

        var c = Expect(CrisisRules.OpenFromAlert(AlertOf(AlertSeverity.Severe), "C-000001", "bo", "ann", T0.AddHours(1)));
        Assert.Equal(("C-000001", "Mentions of 召回 at 5× the usual level", CrisisStatus.Open, T0, T0.AddHours(1), "bo", "ann"),
            (c.Id, c.Title, c.Status, c.WindowStart, c.OpenedAt, c.Owner, c.OpenedBy));
        Assert.Equal(["召回"], c.Terms);
        Assert.Equal(["A-000003"], c.Alerts);
        Assert.Equal([new CrisisChange(T0.AddHours(1), "ann", CrisisAction.Opened, null, CrisisStatus.Open)], c.History);
    }

    [Fact]
    public void OpeningByHand_NeedsATitle_AndAStartNotInTheFuture()
    {
        var bad = CrisisRules.Open("C-000001", " ", [], T0.AddHours(2), AlertSeverity.Severe, null, "ann", T0);
        Assert.Equal(OutcomeKind.Invalid, bad.Kind);
        Assert.Equal([CommonCodes.Required, CrisisCodes.StartInFuture], bad.Problems.Select(p => p.Code));
        Assert.Equal("C-000010", CrisisRules.NextId(["C-000009", "A-000100", "C-000002"]));
    }

    [Fact]
    public void Responding_NeedsAnApprovedStatement_ApprovedByAnotherPerson()
    {
        var c = Opened();
        var early = CrisisRules.Advance(c, CrisisStatus.Responding, "ann", T0.AddHours(1), null);
        Assert.Equal((OutcomeKind.Refused, CrisisCodes.NoApprovedStatement), (early.Kind, early.Code));

        c = Expect(CrisisRules.Draft(c, StatementKind.HoldingStatement, " We are looking into it. ", "ann", T0.AddHours(1)));
        Assert.Equal(new CrisisStatement("S1", StatementKind.HoldingStatement, "We are looking into it.", "ann", T0.AddHours(1)), c.Statements[0]);
        var blank = CrisisRules.Draft(c, StatementKind.Response, "", "ann", T0);
        Assert.Equal(OutcomeKind.Invalid, blank.Kind);

        var self = CrisisRules.Approve(c, "S1", "ann", T0.AddHours(2));
        Assert.Equal((OutcomeKind.Refused, CrisisCodes.FourEyes), (self.Kind, self.Code));
        var missing = CrisisRules.Approve(c, "S9", "bo", T0.AddHours(2));
        Assert.Equal((OutcomeKind.NotFound, CrisisCodes.StatementNotFound), (missing.Kind, missing.Code));

        c = Expect(CrisisRules.Approve(c, "S1", "bo", T0.AddHours(2)));
        Assert.Equal(("bo", (DateTimeOffset?)T0.AddHours(2), (DateTimeOffset?)T0.AddHours(2)), (c.Statements[0].ApprovedBy, c.Statements[0].ApprovedAt, c.FirstResponseAt));
        var twice = CrisisRules.Approve(c, "S1", "lin", T0.AddHours(3));
        Assert.Equal((OutcomeKind.Refused, CrisisCodes.AlreadyApproved), (twice.Kind, twice.Code));

        c = Expect(CrisisRules.Advance(c, CrisisStatus.Responding, "bo", T0.AddHours(2), null));
        Assert.Equal(CrisisStatus.Responding, c.Status);
    }

    [Fact]
    public void TheStatuses_GoOpenRespondingMonitoringClosed_WithANoteToClose_AndClosedIsFinal()
    {
        var c = Expect(CrisisRules.Approve(Expect(CrisisRules.Draft(Opened(), StatementKind.Response, "Sorry.", "ann", T0.AddHours(1))), "S1", "bo", T0.AddHours(2)));
        var skip = CrisisRules.Advance(c, CrisisStatus.Monitoring, "bo", T0.AddHours(2), null);
        Assert.Equal((OutcomeKind.Refused, CrisisCodes.WrongStatus), (skip.Kind, skip.Code));

        c = Expect(CrisisRules.Advance(c, CrisisStatus.Responding, "bo", T0.AddHours(2), null));
        c = Expect(CrisisRules.Advance(c, CrisisStatus.Monitoring, "bo", T0.AddHours(3), "calmer"));
        c = Expect(CrisisRules.Advance(c, CrisisStatus.Responding, "bo", T0.AddHours(4), "flared up"));
        c = Expect(CrisisRules.Advance(c, CrisisStatus.Monitoring, "bo", T0.AddHours(5), null));
        var noNote = CrisisRules.Close(c, "bo", T0.AddHours(6), " ");
        Assert.Equal(OutcomeKind.Invalid, noNote.Kind);

        c = Expect(CrisisRules.Close(c, "bo", T0.AddHours(6), "over"));
        Assert.Equal((CrisisStatus.Closed, (DateTimeOffset?)T0.AddHours(6)), (c.Status, c.ClosedAt));
        Assert.Equal(
            [CrisisAction.Opened, CrisisAction.Drafted, CrisisAction.Approved, CrisisAction.StatusChanged, CrisisAction.StatusChanged, CrisisAction.StatusChanged, CrisisAction.StatusChanged, CrisisAction.Closed],
            c.History.Select(h => h.Action));
        Assert.Equal((CrisisStatus.Monitoring, CrisisStatus.Closed, "over"), (c.History[^1].From, c.History[^1].To, c.History[^1].Note));
        Assert.Equal(CrisisCodes.WrongStatus, CrisisRules.Close(c, "bo", T0.AddHours(7), "again").Code);
        Assert.Equal(CrisisCodes.WrongStatus, CrisisRules.Draft(c, StatementKind.Response, "late", "bo", T0.AddHours(7)).Code);
    }

    [Fact]
    public void AnOpenCase_MayBeClosedByAnExecutiveDecision_WithANote()
    {
        var c = Expect(CrisisRules.Advance(Opened(), CrisisStatus.Closed, "lin", T0.AddHours(1), "false alarm"));
        Assert.Equal((CrisisStatus.Open, CrisisStatus.Closed, "lin", "false alarm"), (c.History[^1].From, c.History[^1].To, c.History[^1].Actor, c.History[^1].Note));
    }

    [Fact]
    public void TheFigures_AreExact_OnAHandMadeSeries()
    {
        var c = Expect(CrisisRules.Approve(Expect(CrisisRules.Draft(Opened(), StatementKind.HoldingStatement, "We look into it.", "ann", T0.AddHours(1))), "S1", "bo", T0.AddHours(2)));
        c = Expect(CrisisRules.Close(c, "lin", T0.AddHours(10), "over"));
        MentionHourCount[] hourly =
        [
            new(Hour(T0.AddDays(-8)), "negative", "|召回|", 100, 0, 0),
            new(Hour(T0.AddHours(-2)), "negative", "|召回|", 3, 30, 0),
            new(Hour(T0.AddHours(-2)), "positive", "|召回|", 1, 10, 0),
            new(Hour(T0.AddHours(1)), "negative", "|召回|投诉|", 6, 60, 0),
            new(Hour(T0.AddHours(1)), "neutral", "|召回|", 2, 20, 0),
            new(Hour(T0.AddHours(1)), "positive", "|other|", 5, 50, 0),
            new(Hour(T0.AddHours(5)), "negative", "|召回|", 1, 10, 0),
            new(Hour(T0.AddHours(5)), "positive", "|召回|", 3, 30, 0),
            new(Hour(T0.AddHours(10)), "neutral", "|召回|", 4, 40, 0),
            new(Hour(T0.AddHours(12)), "negative", "|召回|", 1, 10, 0),
            new(Hour(T0.AddHours(12)), "positive", "|召回|", 1, 10, 0),
        ];

        var f = CrisisMeasures.Figures(c, hourly, T0.AddHours(20));

        Assert.Equal((TimeSpan?)TimeSpan.FromMinutes(90), f.TimeToFirstResponse);
        Assert.Equal((TimeSpan?)TimeSpan.FromMinutes(570), f.TimeToResolution);
        Assert.Equal((T0.AddDays(-7), T0, 4L, 3L, 0.75), (f.Before.From, f.Before.To, f.Before.Counts.Mentions, f.Before.Counts.Negative, f.Before.Counts.NegativeShare));
        Assert.Equal((T0, T0.AddHours(10), 12L, 7L, 7.0 / 12), (f.During.From, f.During.To, f.During.Counts.Mentions, f.During.Counts.Negative, f.During.Counts.NegativeShare));
        Assert.Equal((T0.AddHours(10), T0.AddHours(20), 6L, 1L, 1.0 / 6), (f.After!.From, f.After.To, f.After.Counts.Mentions, f.After.Counts.Negative, f.After.Counts.NegativeShare));
        Assert.Equal((T0.AddDays(-7), T0.AddHours(20)), CrisisMeasures.Span(c, T0.AddHours(20)));

        var open = CrisisMeasures.Figures(Opened(), hourly, T0.AddHours(20));
        Assert.Equal(((TimeSpan?)null, (TimeSpan?)null, (CrisisWindow?)null, 18L), (open.TimeToFirstResponse, open.TimeToResolution, open.After, open.During.Counts.Mentions));

        var timeline = CrisisMeasures.Timeline(c, hourly, T0.AddHours(20));
        Assert.Equal(
            [(T0.AddMinutes(30), "opened"), (T0.AddHours(1), "drafted"), (T0.AddHours(1), "mentions"), (T0.AddHours(2), "approved"), (T0.AddHours(5), "mentions"), (T0.AddHours(10), "closed")],
            timeline.Select(e => (e.At, e.What)));
        Assert.Equal((8L, 6L), (timeline[2].Volume!.Mentions, timeline[2].Volume!.Negative));
        Assert.Equal("S1", timeline[1].Detail);
        Assert.Equal("open → closed; over", timeline[^1].Detail);
    }

    [Fact]
    public void CampaignsRunningDuringTheCase_AreListed_AndPauseIsSuggestedForRiskyOnes()
    {
        var c = Opened();
        var watch = new WatchList([new("召回", WatchKind.Risk, ["recall"]), new("Kangning", WatchKind.Brand, ["康宁"]), new("refund", WatchKind.Risk, [])]);
        Campaign[] campaigns =
        [
            new("spring", "Spring sale", CampaignType.ProductLaunch, "mkt", new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), kit: new ContentKit(["Easy REFUND, no questions"], [])),
            new("launch", "Kangning launch", CampaignType.ProductLaunch, "mkt", new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 14)),
            new("recall", "Recall-proof quality", CampaignType.ProductLaunch, "mkt", new DateOnly(2026, 3, 14), new DateOnly(2026, 3, 20)),
            new("old", "Winter recall", CampaignType.ProductLaunch, "mkt", new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 13)),
        ];

        var running = CrisisMeasures.Running(c, campaigns, watch, new DateOnly(2026, 3, 14), new DateOnly(2026, 3, 15));

        Assert.Equal(
            [("spring", true), ("launch", false), ("recall", true)],
            running.Select(r => (r.Id, r.PauseSuggested)));
        Assert.Equal(["refund"], running[0].Matched);
        Assert.Equal(["recall"], running[2].Matched);
    }
}
