using Mercato.Core.Organization;

namespace Mercato.Core.Demo;

/// <summary>
/// Kangning Medical's organization: the recommended data-driven structure (DOMAIN.md §6) with its own names and heads, the
/// brand department reporting straight to the CEO, and two flaws left in on purpose for the boundary analysis to find
/// (docs/demo-company.md): new media and online promotion are both responsible for SEO (new media runs "network promotion",
/// which DOMAIN.md §2.4 says sometimes includes SEO), and nobody is responsible for government relations, which a medical
/// device maker needs for its registrations and tenders.
/// </summary>
public static class DemoOrganization
{
    /// <summary>The structure's name; a stored structure of this name is the demo's and leaves with it.</summary>
    public const string Name = "Kangning Medical";

    /// <summary>The function two units are responsible for.</summary>
    public const string Overlap = "seo";

    /// <summary>The needed function nobody is responsible for.</summary>
    public const string Gap = "government_relations";

    private static readonly Dictionary<string, (string Name, string? Head)> Units = new(StringComparer.Ordinal)
    {
        ["company"] = ("Kangning Medical", "Chen Jian, CEO"),
        ["marketing"] = ("Marketing center", "Lin Hui, CMO"),
        ["brand"] = ("Brand department", "Zhou Yan"),
        ["pr"] = ("Public relations department", "Guo Ming"),
        ["planning"] = ("Marketing planning department", "Xu Lei"),
        ["new_media"] = ("New media department", "He Jing"),
        ["online_promotion"] = ("Online promotion department", "Sun Tao"),
        ["data_center"] = ("Data center", "Ma Rui"),
        ["operations"] = ("Operations department", "Liang Qing"),
        ["sales"] = ("Hospital sales department", "Wu Gang"),
        ["bd"] = ("Business development department", "Tang Wei"),
    };

    /// <summary>The structure.</summary>
    public static OrgStructure Structure()
    {
        var template = OrgTemplates.Get("recommended")!;
        var units = template.Units.Select(u => Units.TryGetValue(u.Id, out var named)
                ? u with { Name = named.Name, Head = named.Head ?? u.Head, ReportsTo = u.Id == "brand" ? "company" : u.ReportsTo }
                : u)
            .ToList();

        // Everyone takes part in marketing (docs/demo-company.md, the campaigns workspace): the R&D and customer-service
        // staff of the people directory belong to centers of their own. Centers group units and are never idle, so the
        // boundary analysis finds the same overlap and gap as without them.
        units.Add(new OrgUnit("rnd", "R&D center", UnitKind.Center, "company", "Qian Bo"));
        units.Add(new OrgUnit("customer_service", "Customer service center", UnitKind.Center, "company", "Feng Li"));
        var ownerships = template.Ownerships
            .Where(o => !(o.Function == Gap && o.Role == RaciRole.Responsible))
            .Append(new Ownership("new_media", Overlap, RaciRole.Responsible))
            .ToList();
        var kpis = template.Kpis.Select(k => k with
        {
            Unit = ownerships.FirstOrDefault(o => o.Function == k.Function && o.Role == RaciRole.Responsible)?.Unit,
        }).ToList();
        return new OrgStructure(Name, units, template.CustomFunctions, ownerships, kpis, template.Needs);
    }

    /// <summary>How many months, ending with the last month of data, get targets.</summary>
    public const int TargetMonths = 6;

    /// <summary>The KPI whose plan is ambitious on purpose: new-media operations are asked for 50% more followers each month.</summary>
    public const string AmbitiousKpi = "followers_gained";

    /// <summary>
    /// The planned change on the previous month's actual: +5% for a KPI where more is better, −5% where less is better,
    /// and +50% for <see cref="AmbitiousKpi"/>.
    /// </summary>
    public static double TargetFactor(string kpi, bool higherIsBetter) =>
        kpi == AmbitiousKpi ? 1.5 : higherIsBetter ? 1.05 : 0.95;
}
