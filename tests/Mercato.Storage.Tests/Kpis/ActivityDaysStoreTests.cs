using System.Text.Json;
using Mercato.Core.DataCenter;
using Mercato.Core.Kpis;
using Mercato.Storage.Tests.Support;

namespace Mercato.Storage.Tests.Kpis;

/// <summary>
/// The activity-day fold as every provider feeds it: figures kept per data version are read again after a later import,
/// and users and content ids count by their exact bytes. (The comparison with the SQL the fold replaced is SQLite's:
/// <see cref="ActivityDaysTests"/>.)
/// </summary>
public abstract class ActivityDaysStoreTests(StoreProvider provider) : StoreTest(provider)
{
    private const string Composed = "\u00e9", Decomposed = "e\u0301";

    /// <summary>Five views on 2026-03-10: "U1" is not "u1", and é composed is not é decomposed.</summary>
    internal static readonly string ExactBytesCsv = $"""
        user_id,timestamp,event,session_seconds,content_id
        u1,2026-03-10T10:00:00Z,view,,c1
        U1,2026-03-10T11:00:00Z,view,,C1
        {Composed},2026-03-10T12:00:00Z,view,60,{Composed}
        {Decomposed},2026-03-10T13:00:00Z,view,0,{Decomposed}
        {Composed},2026-03-10T14:00:00Z,view,,{Decomposed}
        """;

    [Fact]
    public void KeptActivityDays_AreReadAgainAfterAnImport()
    {
        Assert.Equal(ImportStatus.Committed, ImportCsv(DataKinds.Activity, """
            user_id,timestamp,event
            u1,2026-03-10T10:00:00Z,signup
            u1,2026-03-11T10:00:00Z,login
            """).Status);
        var queries = new KpiQueries(Store);
        var march = KpiPeriod.Month(new YearMonth(2026, 3));
        var april = KpiPeriod.Month(new YearMonth(2026, 4));
        var before = queries.Compute([march, april]);
        Assert.Equal(1m, before[0]["new_users"].Value);
        Assert.Equal(Message.Of(KpiCodes.NoKindDataInPeriod, ("kind", "activity")), before[1]["new_users"].Reason);

        // A later import: u1 comes back on day 30 (04-09), u2 is new in April, and the last day of data moves.
        Assert.Equal(ImportStatus.Committed, ImportCsv(DataKinds.Activity, """
            user_id,timestamp,event
            u1,2026-04-09T10:00:00Z,login
            u2,2026-04-02T10:00:00Z,install
            """).Status);
        var after = queries.Compute([march, april]);

        Assert.Equal(1m, after[0]["retention_d30"].Value);
        Assert.Equal(1m, after[1]["new_users"].Value);
        Assert.Equal(2m, after[1]["mau"].Value);
        Assert.Equal(Json(new KpiQueries(Store).Compute([march, april])), Json(after));
    }

    [Fact]
    public void UsersAndContent_AreTheirExactBytes()
    {
        Assert.Equal(ImportStatus.Committed, ImportCsv(DataKinds.Activity, ExactBytesCsv).Status);
        var period = KpiPeriod.Of(new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 10));

        var activity = new KpiQueries(Store).Figures(period).Activity!;

        Assert.Equal(4, activity.ActiveUsers);
        Assert.Equal(4, activity.ContentPublished);
        Assert.Equal(2, activity.Sessions);
        Assert.Equal(60, activity.SessionSeconds);
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);
}

public sealed class ActivityDaysStoreTestsOnSqlite() : ActivityDaysStoreTests(StoreProvider.Sqlite);

public sealed class ActivityDaysStoreTestsOnPostgres() : ActivityDaysStoreTests(StoreProvider.Postgres);
