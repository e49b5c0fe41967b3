using System.Globalization;
using System.Text.Json;
using Dapper;
using Mercato.Core.Campaigns;
using Mercato.Core.Organization;
using Mercato.Storage.Organization;
using Mercato.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Mercato.Storage.Campaigns;

/// <summary>The outcome of a save or delete: done, or refused with every problem (then nothing changed).</summary>
/// <param name="Problems">The problems, with paths; empty when done.</param>
public sealed record CampaignSaveResult(IReadOnlyList<Problem> Problems)
{
    /// <summary>Done.</summary>
    public static CampaignSaveResult Done { get; } = new([]);

    /// <summary>Whether the write happened.</summary>
    public bool Saved => Problems.Count == 0;

    internal static CampaignSaveResult Refused(string path, string code, params (string Name, object? Value)[] args) =>
        new([Problem.Of(path, code, args)]);
}

/// <summary>Everything the campaign workspace holds, for export and import.</summary>
/// <param name="People">The people directory.</param>
/// <param name="Squads">The squads.</param>
/// <param name="Campaigns">The campaigns.</param>
public sealed record CampaignBundle(IReadOnlyList<Person> People, IReadOnlyList<Squad> Squads, IReadOnlyList<Campaign> Campaigns);

/// <summary>How campaigns, people and squads are written as JSON: the web defaults, enums as their words.</summary>
public static class CampaignJson
{
    /// <summary>The web defaults (camelCase; enums carry their own word converters).</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>The same, indented, for files and the command line.</summary>
    public static JsonSerializerOptions Indented { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    internal static T Read<T>(string json, string what) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException("the stored " + what + " is empty");
}

/// <summary>
/// People, squads and campaigns in the store (docs/campaigns.md): one JSON document per row, keyed by id, with the time it
/// was saved. Every save is validated with the core rules, references included, and is one transaction; a refused save
/// changes nothing. A campaign's stage and transitions change only through the lifecycle operations.
/// </summary>
public sealed class CampaignStore(MercatoStore store)
{
    private const string PeopleTable = "people";
    private const string SquadsTable = "squads";
    private const string CampaignsTable = "campaigns";

    /// <summary>The people directory, by id.</summary>
    public IReadOnlyList<Person> People()
    {
        using var connection = store.OpenConnection();
        return People(connection, null);
    }

    /// <summary>One person, or null.</summary>
    public Person? Person(string id) => Get<Person>(PeopleTable, id);

    /// <summary>The squads, by id.</summary>
    public IReadOnlyList<Squad> Squads()
    {
        using var connection = store.OpenConnection();
        return Squads(connection, null);
    }

    /// <summary>One squad, or null.</summary>
    public Squad? Squad(string id) => Get<Squad>(SquadsTable, id);

    /// <summary>The campaigns, by id.</summary>
    public IReadOnlyList<Campaign> Campaigns()
    {
        using var connection = store.OpenConnection();
        return Campaigns(connection, null);
    }

    /// <summary>One campaign, or null.</summary>
    public Campaign? Campaign(string id) => Get<Campaign>(CampaignsTable, id);

    /// <summary>Adds or replaces a person, validated with the whole directory and the stored structure.</summary>
    public CampaignSaveResult SavePerson(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        using var connection = store.OpenConnection();
        using var tx = connection.BeginTransaction();
        // The person goes last, so a referral code they share with someone else is reported on them.
        List<Person> people = [.. People(connection, tx).Where(p => p.Id != person.Id), person];
        var prefix = At("people", people.Count - 1) + ".";
        var problems = PeopleValidation.Validate(people, Structure(connection, tx))
            .Where(p => p.Path.StartsWith(prefix, StringComparison.Ordinal))
            .Select(p => p with { Path = p.Path[prefix.Length..] })
            .ToList();
        if (problems.Count > 0)
        {
            return new CampaignSaveResult(problems);
        }

        Write(connection, tx, PeopleTable, person.Id, person);
        tx.Commit();
        return CampaignSaveResult.Done;
    }

    /// <summary>Removes a person; refused while a squad counts them as a member.</summary>
    public CampaignSaveResult DeletePerson(string id)
    {
        using var connection = store.OpenConnection();
        using var tx = connection.BeginTransaction();
        var squads = Squads(connection, tx).Where(s => s.Members.Any(m => m.Person == id)).Select(s => s.Id).ToList();
        if (squads.Count > 0)
        {
            return CampaignSaveResult.Refused("id", CampaignCodes.PersonInSquad, ("id", id), ("squads", squads));
        }

        if (Delete(connection, tx, PeopleTable, id) == 0)
        {
            return CampaignSaveResult.Refused("id", CampaignCodes.PersonNotFound, ("id", id));
        }

        tx.Commit();
        return CampaignSaveResult.Done;
    }

    /// <summary>Adds or replaces a squad; its members must be stored people and its campaigns stored campaigns.</summary>
    public CampaignSaveResult SaveSquad(Squad squad)
    {
        ArgumentNullException.ThrowIfNull(squad);
        using var connection = store.OpenConnection();
        using var tx = connection.BeginTransaction();
        var problems = PeopleValidation.Validate(squad, People(connection, tx), Ids(connection, tx, CampaignsTable));
        if (problems.Count > 0)
        {
            return new CampaignSaveResult(problems);
        }

        Write(connection, tx, SquadsTable, squad.Id, squad);
        tx.Commit();
        return CampaignSaveResult.Done;
    }

    /// <summary>Removes a squad.</summary>
    public CampaignSaveResult DeleteSquad(string id)
    {
        using var connection = store.OpenConnection();
        using var tx = connection.BeginTransaction();
        if (Delete(connection, tx, SquadsTable, id) == 0)
        {
            return CampaignSaveResult.Refused("id", CampaignCodes.SquadNotFound, ("id", id));
        }

        tx.Commit();
        return CampaignSaveResult.Done;
    }

    /// <summary>
    /// Adds or replaces a campaign: valid on its own (its unit a unit of the stored structure when there is one), no id or
    /// code shared with another campaign, and, when it replaces a stored campaign, the same stage and transitions (those
    /// change only through <see cref="Advance"/>, <see cref="MoveTo"/>).
    /// </summary>
    public CampaignSaveResult SaveCampaign(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        using var connection = store.OpenConnection();
        using var tx = connection.BeginTransaction();
        var problems = CampaignProblems(connection, tx, campaign);
        if (problems.Count > 0)
        {
            return new CampaignSaveResult(problems);
        }

        var stored = Get<Campaign>(connection, tx, CampaignsTable, campaign.Id);
        if (stored is not null && stored.Stage != campaign.Stage)
        {
            return CampaignSaveResult.Refused("stage", CampaignCodes.StageChangesThroughLifecycle, ("id", campaign.Id), ("stage", EnumWords.Word(stored.Stage)));
        }

        if (stored is not null && !stored.Transitions.SequenceEqual(campaign.Transitions))
        {
            return CampaignSaveResult.Refused("transitions", CampaignCodes.TransitionsAreHistory, ("id", campaign.Id));
        }

        Write(connection, tx, CampaignsTable, campaign.Id, campaign);
        tx.Commit();
        return CampaignSaveResult.Done;
    }

    /// <summary>
    /// Removes a campaign still in planning and takes it off every squad's list in the same transaction. A campaign that has
    /// left planning is refused (problem path <c>stage</c>): its history and evaluation stay.
    /// </summary>
    public CampaignSaveResult DeleteCampaign(string id)
    {
        using var connection = store.OpenConnection();
        using var tx = connection.BeginTransaction();
        if (Get<Campaign>(connection, tx, CampaignsTable, id) is not { } stored)
        {
            return CampaignSaveResult.Refused("id", CampaignCodes.CampaignNotFound, ("id", id));
        }

        if (stored.Stage != CampaignStage.Planning)
        {
            return CampaignSaveResult.Refused("stage", CampaignCodes.CampaignHasHistory, ("id", id), ("stage", EnumWords.Word(stored.Stage)));
        }

        Delete(connection, tx, CampaignsTable, id);

        foreach (var squad in Squads(connection, tx).Where(s => s.Serves(id)))
        {
            Write(connection, tx, SquadsTable, squad.Id, squad with { Campaigns = [.. squad.Campaigns.Where(c => c != id)] });
        }

        tx.Commit();
        return CampaignSaveResult.Done;
    }

    /// <summary>Moves a campaign to its next stage (<see cref="CampaignLifecycle.Advance"/>); null when there is no such campaign.</summary>
    public LifecycleOutcome? Advance(string id, string actor, DateTimeOffset now, string? note = null) =>
        Apply(id, (c, facts) => CampaignLifecycle.Advance(c, actor, now, facts, note));

    /// <summary>Moves a campaign to a named stage (<see cref="CampaignLifecycle.TryMoveTo"/>); null when there is no such campaign.</summary>
    public LifecycleOutcome? MoveTo(string id, CampaignStage stage, string actor, DateTimeOffset now, string? note = null) =>
        Apply(id, (c, facts) => CampaignLifecycle.TryMoveTo(c, stage, actor, now, facts, note));

    /// <summary>Records the approval of a campaign's budget (<see cref="CampaignLifecycle.ApproveBudget"/>); null when there is no such campaign.</summary>
    public LifecycleOutcome? ApproveBudget(string id, string actor, DateTimeOffset now, string? note = null) =>
        Apply(id, (c, _) => CampaignLifecycle.ApproveBudget(c, actor, now, note));

    /// <summary>Records the approval of a campaign's content kit (<see cref="CampaignLifecycle.ApproveKit"/>); null when there is no such campaign.</summary>
    public LifecycleOutcome? ApproveKit(string id, string actor, DateTimeOffset now) =>
        Apply(id, (c, _) => CampaignLifecycle.ApproveKit(c, actor, now));

    /// <summary>Everything, for export.</summary>
    public CampaignBundle Export()
    {
        using var connection = store.OpenConnection();
        return new CampaignBundle(People(connection, null), Squads(connection, null), Campaigns(connection, null));
    }

    /// <summary>
    /// Adds or replaces every person, campaign and squad of <paramref name="bundle"/> in one transaction, validated against
    /// what is stored and what the bundle brings: all of it, or nothing and every problem (paths prefixed with
    /// <c>people[i]</c>, <c>squads[i]</c>, <c>campaigns[i]</c>). Stored campaigns keep the rule that their stage and
    /// transitions change only through the lifecycle.
    /// </summary>
    public CampaignSaveResult Import(CampaignBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        bundle = new CampaignBundle(bundle.People ?? [], bundle.Squads ?? [], bundle.Campaigns ?? []); // a file may leave a list out
        List<Problem> nulls =
        [
            .. CampaignValidation.NullItems("people", bundle.People), .. CampaignValidation.NullItems("squads", bundle.Squads),
            .. CampaignValidation.NullItems("campaigns", bundle.Campaigns),
            .. bundle.Squads.Select((s, i) => (s, i)).Where(x => x.s is not null)
                .SelectMany(x => PeopleValidation.Nulls(x.s).Select(p => p.Under(At("squads", x.i)))),
            .. bundle.Campaigns.Select((c, i) => (c, i)).Where(x => x.c is not null)
                .SelectMany(x => CampaignValidation.Nulls(x.c).Select(p => p.Under(At("campaigns", x.i)))),
        ];
        if (nulls.Count > 0)
        {
            return new CampaignSaveResult(nulls);
        }

        using var connection = store.OpenConnection();
        using var tx = connection.BeginTransaction();
        var structure = Structure(connection, tx);
        var problems = new List<Problem>();

        var people = People(connection, tx).ToList();
        foreach (var p in bundle.People)
        {
            people = Replace(people, p, x => x.Id);
        }

        var positions = bundle.People.Select(p => At("people", people.FindIndex(x => x.Id == p.Id))).ToList();
        foreach (var problem in PeopleValidation.Validate(people, structure))
        {
            var i = positions.FindIndex(pos => problem.Path.StartsWith(pos + ".", StringComparison.Ordinal));
            if (i >= 0)
            {
                problems.Add(problem with { Path = At("people", i) + problem.Path[positions[i].Length..] });
            }
        }

        var storedCampaigns = Campaigns(connection, tx);
        var campaigns = storedCampaigns.ToList();
        for (var i = 0; i < bundle.Campaigns.Count; i++)
        {
            var c = bundle.Campaigns[i];
            var path = At("campaigns", i);
            problems.AddRange(c.Validate(structure).Select(p => p.Under(path)));
            if (storedCampaigns.FirstOrDefault(s => s.Id == c.Id) is { } stored && (stored.Stage != c.Stage || !stored.Transitions.SequenceEqual(c.Transitions)))
            {
                problems.Add(Problem.Of(path + ".stage", CampaignCodes.StageChangesThroughLifecycle, ("id", c.Id), ("stage", EnumWords.Word(stored.Stage))));
            }

            campaigns = Replace(campaigns, c, x => x.Id);
        }

        foreach (var problem in CampaignValidation.CheckAll(campaigns))
        {
            // The path is in the stored campaigns and the bundle's together, not the bundle's own list: it goes with the arguments.
            problems.Add(new("campaigns", problem.Code, problem.Args.With("at", problem.Path)));
        }

        var campaignIds = campaigns.Select(c => c.Id).ToList();
        for (var i = 0; i < bundle.Squads.Count; i++)
        {
            var path = At("squads", i);
            problems.AddRange(PeopleValidation.Validate(bundle.Squads[i], people, campaignIds).Select(p => p.Under(path)));
        }

        if (problems.Count > 0)
        {
            return new CampaignSaveResult(problems);
        }

        foreach (var p in bundle.People)
        {
            Write(connection, tx, PeopleTable, p.Id, p);
        }

        foreach (var c in bundle.Campaigns)
        {
            Write(connection, tx, CampaignsTable, c.Id, c);
        }

        foreach (var s in bundle.Squads)
        {
            Write(connection, tx, SquadsTable, s.Id, s);
        }

        tx.Commit();
        return CampaignSaveResult.Done;
    }

    private LifecycleOutcome? Apply(string id, Func<Campaign, LifecycleFacts, LifecycleOutcome> action)
    {
        var zone = store.TimeZone;
        using var connection = store.OpenConnection();
        using var tx = connection.BeginTransaction();
        if (Get<Campaign>(connection, tx, CampaignsTable, id) is not { } campaign)
        {
            return null;
        }

        var outcome = action(campaign, new LifecycleFacts(Squads(connection, tx), zone));
        if (outcome.Campaign is { } changed)
        {
            Write(connection, tx, CampaignsTable, changed.Id, changed);
            tx.Commit();
        }

        return outcome;
    }

    private List<Problem> CampaignProblems(SqliteConnection connection, SqliteTransaction tx, Campaign campaign)
    {
        var problems = campaign.Validate(Structure(connection, tx)).ToList();
        if (problems.Count > 0)
        {
            return problems;
        }

        // The campaign goes last: a conflict is reported on the later of two campaigns, so on this one.
        List<Campaign> all = [.. Campaigns(connection, tx).Where(c => c.Id != campaign.Id), campaign];
        var prefix = At("campaigns", all.Count - 1) + ".";
        problems.AddRange(CampaignValidation.CheckAll(all)
            .Where(p => p.Path.StartsWith(prefix, StringComparison.Ordinal))
            .Select(p => p with { Path = p.Path[prefix.Length..] }));
        return problems;
    }

    private static List<T> Replace<T>(IReadOnlyList<T> items, T item, Func<T, string> id)
    {
        var list = items.ToList();
        var i = list.FindIndex(x => id(x) == id(item));
        if (i >= 0)
        {
            list[i] = item;
        }
        else
        {
            list.Add(item);
        }

        return list;
    }

    private static OrgStructure? Structure(SqliteConnection connection, SqliteTransaction? tx)
    {
        var document = connection.QuerySingleOrDefault<string?>("SELECT document FROM org_structure WHERE id = 1", transaction: tx);
        return document is null ? null : OrgSerializer.FromJson(document).Structure;
    }

    private T? Get<T>(string table, string id)
        where T : class
    {
        using var connection = store.OpenConnection();
        return Get<T>(connection, null, table, id);
    }

    private static T? Get<T>(SqliteConnection connection, SqliteTransaction? tx, string table, string id)
        where T : class
    {
        var document = connection.QuerySingleOrDefault<string?>("SELECT document FROM " + table + " WHERE id = @id", new { id }, tx);
        return document is null ? null : CampaignJson.Read<T>(document, table);
    }

    private static List<T> All<T>(SqliteConnection connection, SqliteTransaction? tx, string table) =>
        [.. connection.Query<string>("SELECT document FROM " + table + " ORDER BY id", transaction: tx).Select(d => CampaignJson.Read<T>(d, table))];

    private static List<Person> People(SqliteConnection connection, SqliteTransaction? tx) => All<Person>(connection, tx, PeopleTable);

    private static List<Squad> Squads(SqliteConnection connection, SqliteTransaction? tx) => All<Squad>(connection, tx, SquadsTable);

    private static List<Campaign> Campaigns(SqliteConnection connection, SqliteTransaction? tx) => All<Campaign>(connection, tx, CampaignsTable);

    private static List<string> Ids(SqliteConnection connection, SqliteTransaction? tx, string table) =>
        [.. connection.Query<string>("SELECT id FROM " + table, transaction: tx)];

    private void Write<T>(SqliteConnection connection, SqliteTransaction tx, string table, string id, T value) =>
        connection.Execute(
            "INSERT INTO " + table + " (id, document, saved_at) VALUES (@id, @document, @now) "
            + "ON CONFLICT (id) DO UPDATE SET document = excluded.document, saved_at = excluded.saved_at",
            new { id, document = JsonSerializer.Serialize(value, CampaignJson.Options), now = store.Now() },
            tx);

    private static int Delete(SqliteConnection connection, SqliteTransaction tx, string table, string id) =>
        connection.Execute("DELETE FROM " + table + " WHERE id = @id", new { id }, tx);

    private static string At(string list, int i) => string.Create(CultureInfo.InvariantCulture, $"{list}[{i}]");

}
