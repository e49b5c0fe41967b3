using System.Globalization;
using Mercato.Core.DataCenter;

namespace Mercato.Core.Tests.DataCenter;

/// <summary>
/// <see cref="IsoTimestamp.TryParseCommon"/> may only answer where the general parser, with the formats an import
/// accepts, gives the same instant and offset: checked on fixed edge cases and on seeded mutations of valid texts.
/// </summary>
public class IsoTimestampTests
{
    // The formats FieldParsers.Timestamp hands to the general parser: the specification the fast path must agree with.
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mmK",
    ];

    [Theory]
    [InlineData("2025-01-01T00:00:20Z", 2025, 1, 1, 0, 0, 20, 0, 0)]
    [InlineData("2026-03-01T09:30:00+08:00", 2026, 3, 1, 9, 30, 0, 0, 480)]
    [InlineData("2026-03-01 09:30:00-05:30", 2026, 3, 1, 9, 30, 0, 0, -330)]
    [InlineData("2024-02-29T23:59:59.1234567+13:59", 2024, 2, 29, 23, 59, 59, 1234567, 839)]
    [InlineData("2024-02-29T23:59:59.5Z", 2024, 2, 29, 23, 59, 59, 5000000, 0)]
    public void CommonShapes_ReadTheInstantAndOffset(string text, int year, int month, int day, int hour, int minute, int second, int ticks, int offsetMinutes)
    {
        Assert.True(IsoTimestamp.TryParseCommon(text, out var value));
        var expected = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second).AddTicks(ticks), TimeSpan.FromMinutes(offsetMinutes));
        Assert.True(expected.EqualsExact(value), $"{text}: {value:O}, expected {expected:O}");
    }

    [Theory]
    [InlineData("2025-02-29T00:00:00Z")] // not a leap year
    [InlineData("2025-04-31T00:00:00Z")]
    [InlineData("2025-01-01T24:00:00Z")]
    [InlineData("2025-01-01T23:60:00Z")]
    [InlineData("2025-01-01T23:59:60Z")]
    [InlineData("2025-01-01T00:00:00+14:00")]
    [InlineData("2025-01-01T00:00:00-14:00")]
    [InlineData("2025-01-01T00:00:00+15:00")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("9999-12-31T23:59:59-01:00")]
    [InlineData("2025-01-01T00:00:00.12345678Z")]
    [InlineData("2025-01-01T00:00:00.Z")]
    [InlineData("2025-01-01T00:00:00z")]
    [InlineData("2025-01-01t00:00:00Z")]
    [InlineData("2025-01-01T00:00:00+0530")]
    [InlineData("2025-01-01T00:00:00+05")]
    [InlineData("2025-01-01T00:00Z")]
    [InlineData("2025-01-01T00:00:00Z ")]
    [InlineData("２025-01-01T00:00:00Z")]
    [InlineData("2025-01-01T00:00:0٣Z")]
    [InlineData("2025-1-01T00:00:00Z")]
    public void EdgesAndOtherShapes_AreLeftToTheGeneralParser(string text)
    {
        Assert.False(IsoTimestamp.TryParseCommon(text, out _));
    }

    [Fact]
    public void SeededMutations_AgreeWithTheGeneralParserWhereverTheFastPathAnswers()
    {
        var random = new Random(20261207);
        const string alphabet = "0123456789-:+.TZ tz";
        string[] seeds =
        [
            "2025-01-01T00:00:20Z", "2026-03-01T09:30:00+08:00", "2024-02-29 23:59:59.1234567-13:45", "2023-12-31T23:59:59.9Z",
            "2000-02-29T12:00:00-00:00", "1999-11-30 01:02:03+01:00",
        ];
        int answered = 0, agreedRefusals = 0;
        for (var i = 0; i < 200_000; i++)
        {
            var chars = seeds[random.Next(seeds.Length)].ToCharArray().ToList();
            for (var edits = random.Next(0, 3); edits > 0; edits--)
            {
                var at = random.Next(chars.Count);
                var c = alphabet[random.Next(alphabet.Length)];
                switch (random.Next(3))
                {
                    case 0: chars[at] = c; break;
                    case 1: chars.Insert(at, c); break;
                    default: chars.RemoveAt(at); break;
                }
            }

            var text = new string([.. chars]);
            var general = DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var expected);
            if (IsoTimestamp.TryParseCommon(text, out var value))
            {
                answered++;
                if (!general)
                {
                    Assert.Fail($"the fast path read '{text}', which the general parser refuses");
                }

                if (!expected.EqualsExact(value))
                {
                    Assert.Fail($"'{text}': {value:O}, the general parser {expected:O}");
                }
            }
            else if (!general)
            {
                agreedRefusals++;
            }
        }

        // Both kinds of case are exercised: most texts answered fast, and many refused by both.
        Assert.True(answered > 50_000, $"answered {answered}");
        Assert.True(agreedRefusals > 10_000, $"refused by both {agreedRefusals}");
    }
}
