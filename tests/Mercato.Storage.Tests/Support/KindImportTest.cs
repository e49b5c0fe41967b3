using Mercato.Core.DataCenter;
using Mercato.Storage.Import;

namespace Mercato.Storage.Tests.Support;

/// <summary>Helpers shared by the per-kind import tests.</summary>
public abstract class KindImportTest(StoreProvider provider) : StoreTest(provider)
{
    protected static readonly DataFormat[] BothFormats = [DataFormat.Csv, DataFormat.JsonLines];

    /// <summary>"x*201" stands for 201 'x' characters (InlineData cannot compute values).</summary>
    protected static string? Expand(string? value) =>
        value is not null && value.StartsWith("x*", StringComparison.Ordinal)
            ? new string('x', int.Parse(value.AsSpan(2), System.Globalization.CultureInfo.InvariantCulture))
            : value;

    /// <summary>
    /// Imports, as CSV and as JSON Lines, four rows of which the third has <paramref name="column"/> set to
    /// <paramref name="value"/>, and checks that exactly that value is refused, on the right line, with the reason, and that
    /// nothing was written.
    /// </summary>
    protected void AssertRefused(KindSample sample, string column, string? value, string reason)
    {
        value = Expand(value);
        foreach (var format in BothFormats)
        {
            var rows = new[] { sample.Row(0), sample.Row(1), sample.With(sample.Row(2), column, value), sample.Row(3) };

            var result = Import(sample.Kind, format, sample.Render(format, rows));

            Assert.Equal(ImportStatus.Rejected, result.Status);
            Assert.Equal(4, result.RowsRead);
            Assert.Equal(1, result.Rejected);
            Assert.Equal(0, result.Added);
            var error = Assert.Single(result.Errors);
            Assert.Equal(KindSample.LineOf(format, 2), error.Line);
            Assert.Equal(column, error.Column);
            Assert.Equal(value, error.Value);
            AssertReason(reason, error);
            Assert.Equal(0, Count(sample.Table));
        }
    }

    /// <summary>
    /// Checks a refused value's reason: <paramref name="expected"/> is its code, optionally followed by the arguments that carry
    /// the information, <c>code|name=value|...</c> (a list as "a, b", numbers invariant).
    /// </summary>
    protected static void AssertReason(string expected, RowError error)
    {
        var parts = expected.Split('|');
        Assert.Equal(parts[0], error.Code);
        foreach (var pair in parts.Skip(1))
        {
            var (name, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            Assert.True(error.Args.TryGetValue(name, out var actual), name);
            Assert.Equal(value, actual switch
            {
                IReadOnlyList<string> list => string.Join(", ", list),
                IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                _ => actual?.ToString(),
            });
        }
    }

    /// <summary>Imports a single row with <paramref name="column"/> set to <paramref name="value"/> in both formats and expects it accepted.</summary>
    protected void AssertAccepted(KindSample sample, string column, string? value)
    {
        foreach (var format in BothFormats)
        {
            var result = Import(sample.Kind, format, sample.Render(format, [sample.With(sample.Row(0), column, Expand(value))]));

            Assert.True(result.Status == ImportStatus.Committed, format + ": " + string.Join("; ", result.Errors.Select(e => e + " " + e.Args)));
            Assert.Equal(1, result.RowsRead);
        }
    }
}
