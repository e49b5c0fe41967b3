using System.Globalization;
using Mercato.Core.DataCenter;
using Mercato.Storage.Facts;

namespace Mercato.Storage.ClickHouse;

/// <summary>
/// How one fact kind is held in ClickHouse: the columns of <see cref="FactTable"/> (text as <c>String</c>, every other
/// value as <c>Int64</c>: amounts in stored units, instants in Unix ms, days and months as text as the embedded store
/// keeps them), after the idempotency <c>key</c>, then <c>batch_id</c> and <c>version</c>.
/// </summary>
/// <param name="Table">The fact table this holds.</param>
/// <param name="OrderBy">The sorting key: the scan the kind is read by, ending in the key.</param>
/// <param name="ShardBy">The Distributed table's sharding expression: the user for kinds a journey reads, else the key.</param>
internal sealed record ClickHouseKind(FactTable Table, IReadOnlyList<string> OrderBy, string ShardBy)
{
    /// <summary>The name every query reads: the table itself on one node, the Distributed table on a cluster.</summary>
    public string Name => Table.Table;

    /// <summary>The fact columns, in <see cref="FactTable.Columns"/> order.</summary>
    public IReadOnlyList<string> Columns => Table.Columns;

    /// <summary>Whether a column holds text.</summary>
    public static bool IsText(string column) => FactTable.TextColumns.Contains(column);

    /// <summary>A column's type: sorting-key columns are never null (MergeTree refuses a nullable key on 18.16).</summary>
    public string TypeOf(string column)
    {
        var type = IsText(column) ? "String" : "Int64";
        return IsNullable(column) ? "Nullable(" + type + ")" : type;
    }

    /// <summary>
    /// Whether a column of the fact table may hold null: every fact column but the sorting key's (<c>key</c>,
    /// <c>batch_id</c> and <c>version</c> never do).
    /// </summary>
    public bool IsNullable(string column) => Columns.Contains(column) && !OrderBy.Contains(column);

    /// <summary>
    /// The tuple of <paramref name="columns"/> from the row with the highest <paramref name="by"/> of each group, one
    /// <c>argMax</c> per column: 18.16 folds <c>argMax(tuple(...), version)</c> through its generic value holder, 13 times
    /// slower (10M touchpoints grouped by key on one node: 19.4 s against 1.45 s). <c>argMax</c> skips the rows whose value
    /// is null, so a nullable column is read as two: whether that row's value is null, and its value with nulls read as
    /// the type's default. Rows of a group with the same <paramref name="by"/> must be equal (a version is written once per
    /// key; a move done again writes the same rows).
    /// </summary>
    public string LastOf(IEnumerable<string> columns, string by) =>
        "tuple(" + string.Join(", ", columns.Select(column => IsNullable(column)
            ? "if(argMax(isNull(" + column + "), " + by + "), NULL, argMax(assumeNotNull(" + column + "), " + by + "))"
            : "argMax(" + column + ", " + by + ")")) + ")";

    /// <summary>The column list with types, for CREATE TABLE.</summary>
    public string ColumnDefinitions(bool staging) =>
        "key Int64, "
        + (staging ? "seq UInt64, dated_at Int64, " : "")
        + string.Join(", ", Columns.Select(c => c + " " + TypeOf(c)))
        + (staging ? "" : ", batch_id UInt64, version UInt64, " + Restates + " UInt8");

    /// <summary>
    /// The column that marks a row written for a key the table already held (an update, a rescore, a move done again):
    /// keys with no such row have exactly one row, so reads take them as they are and group only the marked keys
    /// (<see cref="ClickHouseReads.Latest"/>).
    /// </summary>
    public const string Restates = "restates";

    /// <summary>
    /// An exact text fingerprint of a row's fact columns: each value written with its length (or <c>N</c> for null), so
    /// two rows have the same fingerprint exactly when every column is equal, null equal to null, on every release (tuple
    /// comparison with nulls differs between 18.16 and current releases; a hash could collide).
    /// </summary>
    public string Fingerprint(string prefix = "") =>
        "concat(" + string.Join(", '|', ", Columns.Select(c =>
        {
            var column = prefix + c;
            var text = IsText(c) ? column : "toString(" + column + ")";
            return IsNullable(c)
                ? "if(isNull(" + column + "), 'N', concat(toString(length(assumeNotNull(" + text + "))), ':', assumeNotNull(" + text + ")))"
                : "toString(length(" + text + ")), ':', " + text;
        })) + ")";
}

/// <summary>
/// The ClickHouse schema, created on open with <c>CREATE TABLE IF NOT EXISTS</c> and versioned in <c>schema_version</c>.
/// Fact tables are <c>ReplacingMergeTree(version)</c> sorted for their scan: touchpoints, conversions and activity by
/// (user, time, key), spend by (day, channel, key), costs by (month, key), the other kinds by (date, key). A commit writes
/// each changed row once more with a higher <c>version</c>; reads take the last version of each key with
/// <c>argMax(column, version)</c> per column grouped by key (<see cref="ClickHouseKind.LastOf"/>), which is exact before merges and whatever the sorting key
/// (docs/clickhouse.md says why not FINAL). On a cluster each shard holds <c>&lt;table&gt;_local</c> and a Distributed
/// <c>&lt;table&gt;</c> over them, sharded by <c>cityHash64(user_id)</c> for the kinds of journeys and activity (a user's
/// rows on one shard) and by <c>cityHash64(key)</c> for the others (spend and costs spread over the shards; a key always
/// on the same shard, so a re-import finds its row).
/// </summary>
internal static class ClickHouseSchema
{
    /// <summary>The schema this program writes; a database with a higher one was written by a newer program.</summary>
    public const int Version = 2;

    private static readonly HashSet<string> UserKinds = new(StringComparer.Ordinal) { "touchpoints", "conversions", "activity" };

    /// <summary>Every kind, by table name.</summary>
    public static IReadOnlyList<ClickHouseKind> Kinds { get; } = [.. FactTables.All.Select(KindOf)];

    /// <summary>The kind of <paramref name="table"/>.</summary>
    public static ClickHouseKind For(FactTable table) => Kinds.First(k => ReferenceEquals(k.Table, table));

    /// <summary>The kind of <paramref name="kind"/>.</summary>
    public static ClickHouseKind For(DataKind kind) => For(FactTables.For(kind));

    private static ClickHouseKind KindOf(FactTable table)
    {
        if (UserKinds.Contains(table.Table))
        {
            return new ClickHouseKind(table, ["user_id", "ts", "key"], "cityHash64(user_id)");
        }

        return table.Table == "spend"
            ? new ClickHouseKind(table, ["day", "channel_id", "key"], "cityHash64(key)")
            : new ClickHouseKind(table, [table.DateColumn, "key"], "cityHash64(key)");
    }

    /// <summary>The table a node holds: <c>&lt;name&gt;_local</c> on a cluster's shard, the name itself on one node.</summary>
    public static string Local(string name, bool cluster) => cluster ? name + "_local" : name;

    /// <summary>The local fact table's CREATE statement.</summary>
    public static string CreateFactTable(ClickHouseKind kind, bool cluster) =>
        "CREATE TABLE IF NOT EXISTS " + Local(kind.Name, cluster) + " (" + kind.ColumnDefinitions(staging: false) + ")"
        + " ENGINE = ReplacingMergeTree(version) ORDER BY (" + string.Join(", ", kind.OrderBy) + ")";

    /// <summary>The Distributed table over the shards' local tables.</summary>
    public static string CreateDistributed(string name, string database, string cluster, string shardBy) =>
        "CREATE TABLE IF NOT EXISTS " + name + " AS " + name + "_local ENGINE = Distributed("
        + ClickHouseSql.Identifier(cluster) + ", " + ClickHouseSql.Identifier(database) + ", " + name + "_local, " + shardBy + ")";

    /// <summary>The name of a session's staging table.</summary>
    public static string Staging(long id) => "staging_" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The id a staging table's name carries, or null for any other name.</summary>
    public static long? StagingId(string table)
    {
        const string prefix = "staging_";
        if (!table.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = table.EndsWith("_local", StringComparison.Ordinal) ? table[prefix.Length..^"_local".Length] : table[prefix.Length..];
        return long.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    /// <summary>A staging table on a node: every row the session wrote, with its order (<c>seq</c>) and date.</summary>
    public static string CreateStaging(ClickHouseKind kind, long id, bool cluster) =>
        "CREATE TABLE IF NOT EXISTS " + Local(Staging(id), cluster) + " (" + kind.ColumnDefinitions(staging: true) + ")"
        + " ENGINE = MergeTree ORDER BY (key, seq)";

    /// <summary>
    /// The import history (on the entry node only). A batch's row is written again at each step with a higher
    /// <c>version</c> (1 running, 2 committing, 3 ended, 4 removed by a later demo); reads take the last.
    /// </summary>
    public const string CreateBatches = """
        CREATE TABLE IF NOT EXISTS batches (
            id UInt64, version UInt64, kind String, source String, format String, started_at String,
            finished_at Nullable(String), status String, is_demo UInt8, host String, pid Int64,
            rows_read Int64, rows_added Int64, rows_updated Int64, rows_unchanged Int64, rows_rejected Int64,
            first_ts Nullable(Int64), last_ts Nullable(Int64), commit_version UInt64,
            message Nullable(String), warnings Nullable(String), errors Nullable(String)
        ) ENGINE = ReplacingMergeTree(version) ORDER BY id
        """;

    /// <summary>The demo's ground truth (on the entry node), the last one written wins.</summary>
    public const string CreateGroundTruth = """
        CREATE TABLE IF NOT EXISTS demo_ground_truth (
            saved UInt64, seed Int64, scale String, created_at String, truth String
        ) ENGINE = ReplacingMergeTree(saved) ORDER BY tuple()
        """;

    /// <summary>The schema version (on every node).</summary>
    public const string CreateVersion = "CREATE TABLE IF NOT EXISTS schema_version (version UInt32, applied_at String) ENGINE = TinyLog";
}
