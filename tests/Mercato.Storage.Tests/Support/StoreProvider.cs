namespace Mercato.Storage.Tests.Support;

/// <summary>The stores the conformance suite runs against: every behaviour test class runs once per provider.</summary>
public enum StoreProvider
{
    /// <summary>The embedded store, a SQLite file in a fresh directory per test.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (<see cref="TestPostgres.Variable"/>), a fresh schema per test.</summary>
    Postgres,
}
