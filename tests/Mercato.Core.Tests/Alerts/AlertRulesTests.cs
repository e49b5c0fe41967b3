using System.Text;
using Mercato.Core.Alerts;
using Mercato.Core.Campaigns;
using Mercato.Core.Organization;

namespace Mercato.Core.Tests.Alerts;

/// <summary>The alert center's rules: statuses, dedupe by key, escalation, closed alerts never reopened, ids, owners, settings, the signature.</summary>
public class AlertRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 8, 0, 0, TimeSpan.Zero);

    private static AlertCandidate Spike(AlertSeverity severity = AlertSeverity.Warning, double value = 50, string key = "listening_spike:召回:2026-03-14T08") =>
        new(AlertKind.ListeningSpike, key, severity, "Mentions of 召回 at 5× the usual level", T0.AddHours(-1),
            new AlertEvidence("mentions per hour", value, 10, 4.2, T0.AddHours(-1), null, T0, null, [new("term", "召回")]), "public_opinion_monitoring");

    private static Alert Open(AlertCandidate? candidate = null) =>
        AlertRules.Merge([], candidate ?? Spike(), "listening", "A-000001", "ann", "system", T0).Alert;

    [Fact]
    public void ACandidate_WithANewKey_OpensANewAlert_DeliveredAsOpened()
    {
        var merge = AlertRules.Merge([], Spike(), "listening", "A-000007", "ann", "system", T0);

        Assert.Equal((AlertMergeKind.Opened, (AlertEvent?)AlertEvent.Opened), (merge.Kind, merge.Deliver));
        var a = merge.Alert;
        Assert.Equal(("A-000007", AlertStatus.New, AlertSeverity.Warning, "ann", "listening", T0, T0), (a.Id, a.Status, a.Severity, a.Owner, a.Source, a.OpenedAt, a.LastSeenAt));
        Assert.Equal([new AlertChange(T0, "system", AlertAction.Opened, null, AlertStatus.New, AlertSeverity.Warning)], a.History);
    }

    [Fact]
    public void ACandidate_MatchingAnOpenAlert_UpdatesItsEvidence_WithoutDelivery_AndNeverLowersTheSeverity()
    {
        var open = Open(Spike(AlertSeverity.Severe));
        var merge = AlertRules.Merge([open], Spike(AlertSeverity.Info, 80), "listening", "A-000002", "bo", "system", T0.AddHours(1));

        Assert.Equal((AlertMergeKind.Updated, (AlertEvent?)null), (merge.Kind, merge.Deliver));
        Assert.Equal(("A-000001", AlertSeverity.Severe, 80.0, T0.AddHours(1), T0, "ann"),
            (merge.Alert.Id, merge.Alert.Severity, merge.Alert.Evidence.Value, merge.Alert.LastSeenAt, merge.Alert.OpenedAt, merge.Alert.Owner));
        Assert.Single(merge.Alert.History);
    }

    [Fact]
    public void ACandidate_WithAHigherSeverity_EscalatesTheOpenAlert_KeepsItsStatus_AndIsDeliveredAgain()
    {
        var acked = AlertRules.Acknowledge(Open(), "ann", T0.AddMinutes(5)).Value!;
        var merge = AlertRules.Merge([acked], Spike(AlertSeverity.Severe), "listening", "A-000002", "ann", "system", T0.AddHours(1));

        Assert.Equal((AlertMergeKind.Escalated, (AlertEvent?)AlertEvent.Escalated), (merge.Kind, merge.Deliver));
        Assert.Equal((AlertSeverity.Severe, AlertStatus.Acknowledged), (merge.Alert.Severity, merge.Alert.Status));
        Assert.Equal(new AlertChange(T0.AddHours(1), "system", AlertAction.Escalated, AlertStatus.Acknowledged, AlertStatus.Acknowledged, AlertSeverity.Severe), merge.Alert.History[^1]);
    }

    [Theory]
    [InlineData(AlertStatus.Resolved)]
    [InlineData(AlertStatus.Dismissed)]
    public void ACandidate_MatchingAClosedAlert_DoesNotReopenIt_NorOpenASecond(AlertStatus closedAs)
    {
        var closed = closedAs == AlertStatus.Resolved
            ? AlertRules.Resolve(Open(), "ann", T0, null).Value!
            : AlertRules.Dismiss(Open(), "ann", T0, "a test post").Value!;
        var merge = AlertRules.Merge([closed], Spike(AlertSeverity.Severe), "listening", "A-000002", "ann", "system", T0.AddHours(1));

        Assert.Equal((AlertMergeKind.Closed, (AlertEvent?)null, closed), (merge.Kind, merge.Deliver, merge.Alert));

        var otherWindow = AlertRules.Merge([closed], Spike(key: "listening_spike:召回:2026-03-14T09"), "listening", "A-000002", "ann", "system", T0.AddHours(1));
        Assert.Equal((AlertMergeKind.Opened, "A-000002"), (otherWindow.Kind, otherWindow.Alert.Id));
    }

    [Fact]
    public void TheStatuses_MoveNewToAcknowledgedToResolved_AndRefuseEveryOtherStep()
    {
        var open = Open();
        var acked = AlertRules.Acknowledge(open, "ann", T0.AddMinutes(1)).Value!;
        Assert.Equal(new AlertChange(T0.AddMinutes(1), "ann", AlertAction.Acknowledged, AlertStatus.New, AlertStatus.Acknowledged, AlertSeverity.Warning), acked.History[^1]);

        var again = AlertRules.Acknowledge(acked, "ann", T0);
        Assert.Equal((OutcomeKind.Refused, AlertCodes.WrongStatus, MessageArgs.Of(("alert", "A-000001"), ("status", "acknowledged"), ("expected", "new"))),
            (again.Kind, again.Code, again.Args));

        var resolved = AlertRules.Resolve(acked, "bo", T0.AddMinutes(2), "  statement published ").Value!;
        Assert.Equal((AlertStatus.Resolved, "statement published", "bo"), (resolved.Status, resolved.History[^1].Note, resolved.History[^1].Actor));

        var ackResolved = AlertRules.Acknowledge(resolved, "x", T0);
        Assert.Equal((OutcomeKind.Refused, AlertCodes.WrongStatus, MessageArgs.Of(("alert", "A-000001"), ("status", "resolved"), ("expected", "new"))),
            (ackResolved.Kind, ackResolved.Code, ackResolved.Args));
        foreach (var step in new[] { AlertRules.Resolve(resolved, "x", T0, null), AlertRules.Dismiss(resolved, "x", T0, "why") })
        {
            Assert.Equal((OutcomeKind.Refused, AlertCodes.WrongStatus, MessageArgs.Of(("alert", "A-000001"), ("status", "resolved"), ("expected", "new, acknowledged"))),
                (step.Kind, step.Code, step.Args));
        }

        Assert.Equal(AlertStatus.Resolved, AlertRules.Resolve(open, "ann", T0, null).Value!.Status);
        Assert.Null(AlertRules.Resolve(open, "ann", T0, "  ").Value!.History[^1].Note);
    }

    [Fact]
    public void ADismissal_NeedsANonBlankReason_OfAtMost500Characters()
    {
        var open = Open();
        foreach (var blank in new[] { null, "", "   " })
        {
            var refused = AlertRules.Dismiss(open, "ann", T0, blank);
            Assert.Equal((OutcomeKind.Invalid, new Problem("reason", AlertCodes.ReasonRequired)), (refused.Kind, refused.Problems.Single()));
        }

        var longReason = AlertRules.Dismiss(open, "ann", T0, new string('x', 501));
        Assert.Equal(Problem.Of("reason", AlertCodes.NoteTooLong, ("max", 500)), longReason.Problems.Single());
        Assert.Equal(AlertCodes.NoteTooLong, AlertRules.Resolve(open, "ann", T0, new string('x', 501)).Problems.Single().Code);

        var dismissed = AlertRules.Dismiss(open, "ann", T0, " a competitor's test post ").Value!;
        Assert.Equal((AlertStatus.Dismissed, "a competitor's test post"), (dismissed.Status, dismissed.History[^1].Note));
    }

    [Fact]
    public void Ids_AreTheNextNumberAfterTheHighest_SixDigitsAtLeast()
    {
        Assert.Equal("A-000001", AlertRules.NextId([]));
        Assert.Equal("A-000124", AlertRules.NextId(["A-000003", "A-000123", "x-999", "A-12a"]));
        Assert.Equal("A-1000000", AlertRules.NextId(["A-999999"]));
    }

    [Fact]
    public void AFilter_KeepsTheMatchingAlerts_NewestOpenedFirst()
    {
        var a = Open();
        var b = AlertRules.Merge([], Spike(AlertSeverity.Severe, key: "k2") with { Kind = AlertKind.RiskTerm }, "listening", "A-000002", null, "s", T0.AddHours(1)).Alert;
        var c = AlertRules.Acknowledge(AlertRules.Merge([], Spike(key: "k3"), "listening", "A-000003", null, "s", T0.AddHours(2)).Alert, "x", T0).Value!;

        Assert.Equal(["A-000003", "A-000002", "A-000001"], AlertFilter.All.Apply([a, b, c]).Select(x => x.Id));
        Assert.Equal(["A-000001"], new AlertFilter(Status: AlertStatus.New, Kind: AlertKind.ListeningSpike).Apply([a, b, c]).Select(x => x.Id));
        Assert.Equal(["A-000002"], new AlertFilter(Severity: AlertSeverity.Severe).Apply([a, b, c]).Select(x => x.Id));
    }

    [Fact]
    public void ACandidate_WithoutAKeyOrSubject_IsAProblem()
    {
        Assert.Null(AlertRules.CandidateProblem(Spike(), "listening"));
        Assert.Equal(Problem.Of("candidates", AlertCodes.BadCandidate, ("source", "listening"), ("key", " ")), AlertRules.CandidateProblem(Spike(key: " "), "listening"));
        Assert.NotNull(AlertRules.CandidateProblem(Spike() with { Subject = "" }, "listening"));
    }

    private static readonly OrgStructure Company = new(
        "Co",
        [
            new("co", "Company", UnitKind.Company, Head: "Wang Wei, CEO"),
            new("mkt", "Marketing center", UnitKind.Center, "co", "Lin Hui, CMO"),
            new("pr", "PR department", UnitKind.Department, "mkt", "bo"),
            new("ads", "Ads team", UnitKind.Team, "mkt", "Nobody Listed"),
        ],
        ownerships:
        [
            new("mkt", "brand_positioning", RaciRole.Accountable),
            new("pr", "public_opinion_monitoring", RaciRole.Responsible),
            new("mkt", "crisis_handling", RaciRole.Accountable),
            new("pr", "crisis_handling", RaciRole.Responsible),
            new("ads", "ad_delivery", RaciRole.Responsible),
        ]);

    private static readonly Person[] People = [new("wang", "Wang Wei", "co"), new("lin", "Lin Hui", "mkt"), new("bo", "Bo Chen", "pr")];

    [Fact]
    public void TheOwner_IsTheHeadOfTheUnitOwningTheFunction_AccountableBeforeResponsible()
    {
        Assert.Equal("bo", AlertOwners.Resolve(Company, People, "public_opinion_monitoring")?.Id);
        Assert.Equal("lin", AlertOwners.Resolve(Company, People, "crisis_handling")?.Id);
    }

    [Fact]
    public void WithoutAnOwningUnitOrItsHeadsPerson_TheOwner_IsTheHeadOfTheTopMarketingUnit_ElseTheRoot_ElseNobody()
    {
        Assert.Equal("lin", AlertOwners.Resolve(Company, People, "ad_delivery")?.Id);
        Assert.Equal("lin", AlertOwners.Resolve(Company, People, "no_such_function")?.Id);
        Assert.Equal("lin", AlertOwners.Resolve(Company, People, null)?.Id);
        Assert.Equal("mkt", AlertOwners.TopMarketingUnit(Company)?.Id);

        var noMarketing = Company with { Ownerships = [] };
        Assert.Equal("wang", AlertOwners.Resolve(noMarketing, People, "public_opinion_monitoring")?.Id);
        Assert.Null(AlertOwners.Resolve(noMarketing, [], "public_opinion_monitoring"));
        Assert.Null(AlertOwners.Resolve(null, People, "public_opinion_monitoring"));
    }

    [Fact]
    public void TheSettings_AreOffByDefault_AndRefuseABadIntervalUrlPortOrMailbox()
    {
        Assert.Equal((15, false, false), (AlertSettings.Default.IntervalMinutes, AlertSettings.Default.WebhookOn, AlertSettings.Default.EmailOn));
        Assert.Empty(AlertSettings.Default.Problems());
        Assert.Empty(new AlertSettings(0, "https://hooks.example.com/x", "s", "smtp.example.com", 25, "a@x.cn", "b@x.cn, c@x.cn").Problems());

        Assert.Equal(
            [
                Problem.Of("intervalMinutes", AlertCodes.BadInterval, ("value", 1441), ("max", 1440)),
                new Problem("webhookUrl", CommonCodes.NotHttpUrl),
                Problem.Of("smtpPort", AlertCodes.BadPort, ("value", 0)),
                Problem.Of("smtpFrom", AlertCodes.EmailIncomplete, ("field", "smtpFrom")),
                Problem.Of("smtpTo", AlertCodes.BadEmail, ("value", "nobody")),
            ],
            new AlertSettings(1441, "ftp://x", null, "smtp.example.com", 0, null, "nobody").Problems());
        Assert.Equal(new Problem("webhookUrl", CommonCodes.NotHttpUrl), new AlertSettings(WebhookUrl: "/relative").Problems().Single());
        Assert.Equal(Problem.Of("intervalMinutes", AlertCodes.BadInterval, ("value", -1), ("max", 1440)), new AlertSettings(-1).Problems().Single());
    }

    [Fact]
    public void TheSignature_IsTheHexHmacSha256OfTheBody_AndVerifies()
    {
        var body = Encoding.UTF8.GetBytes("{\"event\":\"alert.opened\"}");
        // HMAC-SHA256 of that body with key "secret", computed independently (openssl dgst -sha256 -hmac secret).
        Assert.Equal("sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData("secret"u8, body)), AlertSignature.Sign(body, "secret"));
        Assert.True(AlertSignature.Verify(body, "secret", AlertSignature.Sign(body, "secret")));
        Assert.False(AlertSignature.Verify(body, "other", AlertSignature.Sign(body, "secret")));
        Assert.False(AlertSignature.Verify([.. body, 32], "secret", AlertSignature.Sign(body, "secret")));
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4)], new[] { 1, 2, 3 }.Select(AlertSignature.Backoff));
    }

    [Fact]
    public void AnAlert_RoundTripsThroughItsDocument()
    {
        var a = AlertRules.Delivered(Open(), [new AlertDelivery(AlertChannel.Webhook, AlertEvent.Opened, T0, 1, false, 500, "HTTP 500")]);
        var json = AlertDocuments.Alerts.ToJson(a);
        Assert.Contains("\"listening_spike\"", json, StringComparison.Ordinal);
        Assert.Contains("\"alert.opened\"", json, StringComparison.Ordinal);
        var back = AlertDocuments.Alerts.FromJson(json);
        Assert.Equal(AlertDocuments.Alerts.ToJson(back), json);
        Assert.Equal(("term", "召回"), (back.Evidence.Details[0].Key, back.Evidence.Details[0].Value));
    }
}
