using System.Globalization;
using System.Text;
using System.Text.Json;
using Mercato.Core.DataCenter;
using Mercato.Storage.Facts;
using Mercato.Storage.Import;

namespace Mercato.Storage.Tests.Support;

/// <summary>
/// Sample rows of one data kind, in contract field order: a generator of valid rows whose identities differ for different
/// numbers, one invalid row, and renderers to CSV and JSON Lines.
/// </summary>
public sealed class KindSample
{
    private static readonly DateTimeOffset Base = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private KindSample(DataKind kind, Func<int, string?[]> row, string?[] badRow, string badColumn)
    {
        Kind = kind;
        Row = row;
        BadRow = badRow;
        BadColumn = badColumn;
    }

    public DataKind Kind { get; }

    public string Table => FactTables.For(Kind).Table;

    /// <summary>The contract's columns, without those that stand instead of another (spend's timestamp): the rows give their values in this order.</summary>
    public string[] Columns => Kind.Fields.Where(f => f.Instead is null).Select(f => f.Name).ToArray();

    /// <summary>Valid row number <c>i</c>; rows with different numbers have different identities.</summary>
    public Func<int, string?[]> Row { get; }

    /// <summary>An invalid row: exactly one value breaks a rule.</summary>
    public string?[] BadRow { get; }

    /// <summary>The column <see cref="BadRow"/> is refused for.</summary>
    public string BadColumn { get; }

    public static KindSample Spend { get; } = new(
        DataKinds.Spend,
        i => [Day(i), "search", "c" + Str(i % 3), Str(i) + ".5", Str(1000 + i), Str(i), i % 2 == 0 ? null : Str(i % 5), i % 3 == 0 ? null : Str(i % 4)],
        ["2026-03-03", "search", null, "abc", null, null, null, null],
        "spend");

    public static KindSample Touchpoints { get; } = new(
        DataKinds.Touchpoints,
        i => ["t" + Str(i), "u" + Str(i % 7), Instant(TimeSpan.FromMinutes(i)), i % 2 == 0 ? "search" : "douyin", null, "click", null],
        [null, "u9", "2026-03-01T09:30:00", "search", null, null, null],
        "timestamp");

    public static KindSample Conversions { get; } = new(
        DataKinds.Conversions,
        i => ["o" + Str(i), "u" + Str(i % 7), Instant(TimeSpan.FromHours(i)), Str(i * 10) + ".25", Str(i)],
        ["o9", "u9", "2026-03-01T00:00:00Z", "-5", null],
        "revenue");

    public static KindSample Costs { get; } = new(
        DataKinds.Costs,
        i => [new YearMonth(2020, 1).AddMonths(i).ToString(), i % 2 == 0 ? null : "kol", "agency", Str(i * 100), "fixed", i % 3 == 0 ? "fair-" + Str(i) : null],
        ["2026-03", null, "salary", "10", "fixed", null],
        "category");

    public static KindSample Activity { get; } = new(
        DataKinds.Activity,
        i => ["u" + Str(i % 7), Instant(TimeSpan.FromMinutes(i)), "view", Str(i % 86_400), null],
        ["u9", "2026-03-01T00:00:00Z", "sign up", null, null],
        "event");

    public static KindSample Social { get; } = new(
        DataKinds.Social,
        i => [Day(i / 2), i % 2 == 0 ? "weibo" : "wechat", "acct" + Str(i % 3), Str(1000 + i), Str(10 * i), Str(i), Str(i % 4)],
        ["2026-03-03", "we chat", "acct1", "10", null, null, null],
        "platform");

    public static KindSample AppStore { get; } = new(
        DataKinds.AppStore,
        i => [Day(i / 2), i % 2 == 0 ? "apple_app_store" : "huawei_appgallery", Str(1000 + i), Str(100 + i), Str(10 + i)],
        ["2026-03-03", "apple_app_store", "10", "5", "1.5"],
        "installs");

    public static KindSample Store { get; } = new(
        DataKinds.Store,
        i => [Day(i / 2), i % 2 == 0 ? "tmall_flagship" : "jd_store", Str(500 + i), Str(i), Str(i * 100) + ".5", Str(i)],
        ["2026-03-03", "tmall_flagship", "10", "1", "1,000", null],
        "gmv");

    public static KindSample LiveStreams { get; } = new(
        DataKinds.LiveStreams,
        i => ["s" + Str(i), i % 3 == 0 ? null : "c" + Str(i % 3), i % 2 == 0 ? "ann" : "Mia Zhang", i % 2 == 0 ? "staff" : "influencer",
            Instant(TimeSpan.FromHours(i)), Instant(TimeSpan.FromHours(i) + TimeSpan.FromMinutes(90)), Str(100 + i), Str(10 + i), Str(i),
            Str(1 + i), Str(i * 100) + ".5"],
        ["s9", null, "ann", "staff", "2026-03-01T20:00:00Z", "2026-03-01T22:00:00Z", "10", "11", "0", "1", "5"],
        "peak_viewers");

    public static KindSample Mentions { get; } = new(
        DataKinds.Mentions,
        i => ["m" + Str(i), Instant(TimeSpan.FromMinutes(37 * i)), i % 2 == 0 ? "weibo" : "review_site", i % 3 == 0 ? null : "user" + Str(i),
            i % 3 == 0 ? null : Str(100 * i), i % 2 == 0 ? "康宁雾化器很好用 " + Str(i) : "The nebulizer is great, order " + Str(i),
            i % 4 == 0 ? null : "https://example.com/p/" + Str(i), i % 5 == 0 ? "zh-CN" : null, Str(1000 + i), Str(i), Str(i % 7), Str(i % 3)],
        ["m9", "2026-03-01T20:00:00Z", "weibo", null, null, "text", null, "english!", null, null, null, null],
        "language");

    public static KindSample Clicks { get; } = new(
        DataKinds.Clicks,
        i => ["k" + Str(i), Instant(TimeSpan.FromMinutes(i)), i % 2 == 0 ? "search" : "douyin", i % 3 == 0 ? null : "c" + Str(i % 3), "u" + Str(i % 7),
            i % 4 == 0 ? null : "d" + Str(i % 5), i % 2 == 0 ? "203.0.113." + Str(i % 250) : "2001:db8::" + Str(i % 9), "Mozilla/5.0 (sample " + Str(i) + ")",
            "p" + Str(i % 4), i % 3 == 0 ? Instant(TimeSpan.FromMinutes(i) + TimeSpan.FromSeconds(90)) : null],
        ["k9", "2026-03-01T20:00:00Z", "search", null, null, null, "999.1.1.1", null, null, null],
        "ip");

    public static KindSample InfluencerSnapshots { get; } = new(
        DataKinds.InfluencerSnapshots,
        i => [Day(i / 2), i % 2 == 0 ? "kol-a" : "KOL-B", Str(1000 + i), Str(10 + i), Str(i), i % 3 == 0 ? null : Str(i) + ".5", Str(i), null, i % 2 == 0 ? "0.25" : null],
        ["2026-03-03", "kol-a", "-5", "1", "1", null, null, null, null],
        "followers");

    public static KindSample InfluencerPosts { get; } = new(
        DataKinds.InfluencerPosts,
        i => ["p" + Str(i), i % 2 == 0 ? "kol-a" : "kol-b", Instant(TimeSpan.FromHours(i)), i % 3 == 0 ? null : "c" + Str(i % 3), i % 4 == 0 ? null : Str(100 * i),
            Str(i), Str(i % 5), Str(i % 3), i % 2 == 0 ? null : Str(i % 7)],
        ["p9", "kol-a", "2026-03-01T00:00:00Z", null, null, "-1", "0", "0", null],
        "likes");

    public static KindSample InfluencerFollowers { get; } = new(
        DataKinds.InfluencerFollowers,
        i => ["kol-a", Day(i / 5), "f" + Str(i), Str(10 * i), Str(100 + i), Str(i % 9), i % 2 == 0 ? "true" : "no", i % 3 == 0 ? "1" : "false",
            i % 4 == 0 ? null : "user" + Str(i), i % 5 == 0 ? null : Str(i % 120), Str(30 + i)],
        ["kol-a", "2026-03-03", "f9", "1", "1", "1", "maybe", "0", null, null, null],
        "has_profile_picture");

    public static IReadOnlyList<KindSample> All { get; } =
        [Spend, Touchpoints, Conversions, Costs, Activity, Social, AppStore, Store, LiveStreams, Mentions, Clicks, InfluencerSnapshots, InfluencerPosts, InfluencerFollowers];

    /// <summary>The kind names, for theories.</summary>
    public static TheoryData<string> Names => new(All.Select(s => s.Kind.Name));

    /// <summary>The kind names times the two formats, for theories.</summary>
    public static TheoryData<string, DataFormat> NamesAndFormats
    {
        get
        {
            var data = new TheoryData<string, DataFormat>();
            foreach (var sample in All)
            {
                data.Add(sample.Kind.Name, DataFormat.Csv);
                data.Add(sample.Kind.Name, DataFormat.JsonLines);
            }

            return data;
        }
    }

    public static KindSample Of(string kindName) => All.Single(s => string.Equals(s.Kind.Name, kindName, StringComparison.Ordinal));

    /// <summary>Valid rows <paramref name="from"/> to <paramref name="from"/> + <paramref name="count"/> - 1.</summary>
    public IEnumerable<string?[]> Rows(int from, int count) => Enumerable.Range(from, count).Select(Row);

    public string Render(DataFormat format, IEnumerable<string?[]> rows) => format == DataFormat.Csv ? Csv(rows) : Jsonl(rows);

    public string Csv(IEnumerable<string?[]> rows) => Csv(Columns, rows);

    public string Jsonl(IEnumerable<string?[]> rows) => Jsonl(Columns, rows);

    /// <summary>CSV with a header; cells quoted when they must be; null is an empty cell.</summary>
    public static string Csv(IReadOnlyList<string> columns, IEnumerable<string?[]> rows)
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', columns.Select(Cell))).Append('\n');
        foreach (var row in rows)
        {
            text.Append(string.Join(',', row.Select(Cell))).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>One JSON object per line; null values are left out; every value is a JSON string.</summary>
    public static string Jsonl(IReadOnlyList<string> columns, IEnumerable<string?[]> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            var obj = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < columns.Count; i++)
            {
                if (row[i] is { } value)
                {
                    obj[columns[i]] = value;
                }
            }

            text.Append(JsonSerializer.Serialize(obj)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The line a data row is on: CSV has a header on line 1, JSON Lines has none.</summary>
    public static long LineOf(DataFormat format, int rowIndex) => format == DataFormat.Csv ? rowIndex + 2 : rowIndex + 1;

    /// <summary>A copy of <paramref name="row"/> with the value of <paramref name="column"/> replaced.</summary>
    public string?[] With(string?[] row, string column, string? value)
    {
        var copy = (string?[])row.Clone();
        var index = Kind.IndexOf(column);
        Assert.True(index >= 0, "no column " + column + " in " + Kind.Name);
        copy[index] = value;
        return copy;
    }

    private static string? Cell(string? value)
    {
        if (value is null)
        {
            return string.Empty;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    private static string Str(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static string Day(int i) => new DateOnly(2026, 1, 1).AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Instant(TimeSpan after) => (Base + after).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
