using Mercato.Core.Alerts;
using Mercato.Core.Campaigns;
using Mercato.Core.Crisis;
using Mercato.Core.Organization;

namespace Mercato.Core.Demo;

/// <summary>
/// The demo's closed crisis case: the recall rumour handled by the PR department (docs/demo-company.md, Mentions), built
/// through <see cref="CrisisRules"/> at the times of the ground truth, so it holds what a real case holds.
/// </summary>
public static class DemoCrisis
{
    /// <summary>The case's id: the sequential shape with number 0, which a workspace's own cases (from 1) never take.</summary>
    public const string CaseId = "C-000000";

    /// <summary>Hours from the rumour's start to the case's opening (the hourly spike alert's first evaluation after it shows).</summary>
    public const int OpenAfterHours = 2;

    /// <summary>Minutes from the opening to the holding statement's draft, and from the draft to its approval.</summary>
    public const int HoldingDraftMinutes = 30;

    /// <summary>Minutes from the holding statement's draft to its approval.</summary>
    public const int HoldingApprovalMinutes = 60;

    /// <summary>Hours before the truth's response that the response is drafted (it is approved at the response's time).</summary>
    public const int ResponseDraftHours = 3;

    /// <summary>Hours after the response that the case moves to monitoring.</summary>
    public const int MonitoringAfterHours = 24;

    /// <summary>The watched term the case is about.</summary>
    public const string Term = "召回";

    /// <summary>
    /// The case: opened <see cref="OpenAfterHours"/> after the rumour's start by the public-opinion analyst, owned by the
    /// head of the unit handling crises; a holding statement drafted by the analyst and approved by the owner; responding;
    /// the response (test reports, no recall) drafted <see cref="ResponseDraftHours"/> before and approved at the truth's
    /// response; monitoring <see cref="MonitoringAfterHours"/> later; closed by the owner at the rumour's end.
    /// </summary>
    /// <param name="rumour">The rumour's truth.</param>
    /// <param name="structure">The demo's structure (for the owner).</param>
    /// <param name="people">The demo's people.</param>
    /// <returns>The closed case.</returns>
    public static CrisisCase Case(DemoRumourTruth rumour, OrgStructure structure, IReadOnlyList<Person> people)
    {
        ArgumentNullException.ThrowIfNull(rumour);
        ArgumentNullException.ThrowIfNull(people);
        var owner = AlertOwners.Resolve(structure, people, CrisisRules.Function)
            ?? throw new InvalidOperationException("the demo structure names no head for " + CrisisRules.Function);
        var analyst = people.FirstOrDefault(p => p.Unit == owner.Unit && p.Id != owner.Id && p.Title == "Public-opinion analyst")
            ?? people.First(p => p.Unit == owner.Unit && p.Id != owner.Id);
        var opened = rumour.Start.AddHours(OpenAfterHours);
        var holding = opened.AddMinutes(HoldingDraftMinutes);
        var c = Ok(CrisisRules.Open(
            CaseId, "Nebulizer N2 recall rumour (雾化器召回谣言)", [Term], rumour.Start, AlertSeverity.Severe, owner.Id, analyst.Name, opened));
        c = Ok(CrisisRules.Draft(c, StatementKind.HoldingStatement,
            "我们已关注到网络上关于康宁雾化器N2召回的传言，正在核实，将尽快公布检测结果。We are aware of posts about a recall of the Kangning N2 nebulizer and are checking them; test results will follow.",
            analyst.Name, holding));
        c = Ok(CrisisRules.Approve(c, "S1", owner.Name, holding.AddMinutes(HoldingApprovalMinutes)));
        c = Ok(CrisisRules.Advance(c, CrisisStatus.Responding, owner.Name, holding.AddMinutes(HoldingApprovalMinutes + 5), "holding statement posted on Weibo and WeChat"));
        c = Ok(CrisisRules.Draft(c, StatementKind.Response,
            "第三方检测报告显示雾化器N2各项指标合格，康宁医疗未发起任何召回。Third-party test reports show the N2 nebulizer meets every standard; Kangning Medical has issued no recall.",
            analyst.Name, rumour.Response.AddHours(-ResponseDraftHours)));
        c = Ok(CrisisRules.Approve(c, "S2", owner.Name, rumour.Response));
        c = Ok(CrisisRules.Advance(c, CrisisStatus.Monitoring, owner.Name, rumour.Response.AddHours(MonitoringAfterHours), "volume falling since the test reports"));
        return Ok(CrisisRules.Close(c, owner.Name, rumour.End, "volume below 2% of the peak; no recall; rumour closed"));
    }

    private static CrisisCase Ok(Outcome<CrisisCase> outcome) =>
        outcome.Value ?? throw new InvalidOperationException("the demo crisis case breaks a rule: " + outcome);
}
