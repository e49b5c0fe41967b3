using System.Text;
using Mercato.Storage.ClickHouse.Tests.Support;

namespace Mercato.Storage.ClickHouse.Tests;

/// <summary>The one escaping function: what it writes, and that the server reads back exactly what was meant.</summary>
[Collection("clickhouse")]
public sealed class ClickHouseSqlTests
{
    public static TheoryData<string> Awkward { get; } =
    [
        "",
        "plain",
        "it's",
        "''",
        "back\\slash",
        "ends with a backslash\\",
        "\\'",
        "nul\0inside",
        "new\nline",
        "carriage\rreturn",
        "tab\there",
        "bell\a, backspace\b, form feed\f, vertical tab\v, escape\u001b, delete\u007f",
        "unicode: é 中文 العربية 😀",
        "'; DROP TABLE touchpoints; --",
        "{n:Int64} ? @p $1",
    ];

    [Theory]
    [MemberData(nameof(Awkward))]
    public async Task Literal_ReadsBackAsTheSameBytes(string value)
    {
        using var client = new ClickHouseClient(ClickHouseSettings.Parse(TestClickHouse.Require(Layout.Node)));
        var row = (await client.ExecuteOutsideAndQueryAsync("SELECT hex(" + ClickHouseSql.Literal(value) + "), " + ClickHouseSql.Literal(value))).Single();
        Assert.Equal(Convert.ToHexString(Encoding.UTF8.GetBytes(value)), row[0]);
        Assert.Equal(value, row[1]);
    }

    [Theory]
    [MemberData(nameof(Awkward))]
    public async Task TabSeparatedRows_ReadBackAsTheSameBytes(string value)
    {
        var connection = TestClickHouse.FreshDatabase(Layout.Node);
        using var client = new ClickHouseClient(ClickHouseSettings.Parse(connection));
        try
        {
            await client.ExecuteOutsideDatabaseAsync("CREATE DATABASE " + client.Settings.Database, default);
            await client.ExecuteAsync("CREATE TABLE t (n Int64, s Nullable(String)) ENGINE = Log", default);
            await using (var insert = client.BeginInsert("t", ["n", "s"]))
            {
                insert.Field(1);
                insert.Field(value);
                insert.EndRow();
                insert.Field(2);
                insert.Field((string?)null);
                insert.EndRow();
                await insert.CompleteAsync(default);
            }

            var rows = await client.QueryAsync("SELECT n, hex(s), s FROM t ORDER BY n", default);
            Assert.Equal(Convert.ToHexString(Encoding.UTF8.GetBytes(value)), rows[0][1]);
            Assert.Equal(value, rows[0][2]);
            Assert.Null(rows[1][2]);
        }
        finally
        {
            await TestClickHouse.DropAsync(connection);
        }
    }

    [Fact]
    public void Literal_EscapesEveryCharacterThatEndsOrBendsAString()
    {
        Assert.Equal("'it\\'s'", ClickHouseSql.Literal("it's"));
        Assert.Equal("'a\\\\b'", ClickHouseSql.Literal("a\\b"));
        Assert.Equal("'\\0\\n\\r\\t\\b\\f\\x01\\x7F'", ClickHouseSql.Literal("\0\n\r\t\b\f\u0001\u007f"));
        Assert.Equal("'中文 😀'", ClickHouseSql.Literal("中文 😀"));
        Assert.Equal("NULL", ClickHouseSql.Literal((string?)null));
        Assert.Equal("NULL", ClickHouseSql.Literal((long?)null));
    }

    [Fact]
    public async Task TypedLiterals_AreExact()
    {
        using var client = new ClickHouseClient(ClickHouseSettings.Parse(TestClickHouse.Require(Layout.Node)));
        var row = (await client.ExecuteOutsideAndQueryAsync(
            "SELECT toString(" + ClickHouseSql.Literal(long.MinValue) + "), toString(" + ClickHouseSql.Literal(long.MaxValue) + "), toString("
            + ClickHouseSql.Literal(12.3456m) + "), toString(" + ClickHouseSql.Literal(-0.0001m) + "), toString(" + ClickHouseSql.Literal(new DateOnly(2024, 2, 29))
            // 18.16 prints a 29-digit Decimal128 wrong but holds it exactly: compare by arithmetic.
            + "), toString(" + ClickHouseSql.Literal(decimal.MaxValue) + " - " + ClickHouseSql.Literal(decimal.MaxValue - 1) + ")"
            + ", " + ClickHouseSql.Literal(decimal.MaxValue) + " = " + ClickHouseSql.Literal(decimal.MaxValue))).Single();
        Assert.Equal(["-9223372036854775808", "9223372036854775807", "12.3456", "-0.0001", "2024-02-29", "1", "1"], row.Select(v => v!).ToArray());
    }

    [Fact]
    public void Identifier_RefusesAnythingButAPlainName()
    {
        Assert.Equal("t_1", ClickHouseSql.Identifier("t_1"));
        Assert.Throws<ArgumentException>(() => ClickHouseSql.Identifier("t; DROP"));
        Assert.Throws<ArgumentException>(() => ClickHouseSql.Identifier("1t"));
        Assert.Throws<ArgumentException>(() => ClickHouseSql.Identifier("`t`"));
    }
}
