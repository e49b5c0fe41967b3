using System.Globalization;
using System.Text;

namespace Mercato.Benchmarks;

/// <summary>
/// Generates touchpoint rows shaped like a real export, the same shape as the generator in import-throughput.sh: ids
/// tp-N in time order over one year, about 100k distinct users, 12 channels, mostly impressions, a campaign on most rows,
/// a referral code only on referrals, and one row in a hundred an exact repeat of a recent one (exports re-send rows).
/// Seeded, so every run measures the same data.
/// </summary>
internal static class TouchpointsCsv
{
    public const string Header = "touchpoint_id,user_id,timestamp,channel,campaign,type,referral_code";

    public const int Users = 100_000;

    private static readonly string[] Channels =
    [
        "paid_search", "social_ads", "display", "influencer", "live_stream", "wechat", "seo", "email", "sms", "affiliate",
        "referral", "direct",
    ];

    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The rows as raw field values, in contract order, as the CSV reader hands them to the parser.</summary>
    public static string?[][] Rows(int count, int seed = 42)
    {
        var rows = new string?[count][];
        var random = new Random(seed);
        var span = TimeSpan.FromDays(365).Ticks / Math.Max(count, 1);
        for (var i = 0; i < count; i++)
        {
            if (i > 0 && random.Next(100) == 0)
            {
                rows[i] = rows[i - 1 - random.Next(Math.Min(i, 1000))];
                continue;
            }

            var at = Start.AddTicks((i * span) + random.NextInt64(span));
            var roll = random.Next(100);
            var type = roll < 60 ? "impression" : roll < 80 ? "click" : roll < 95 ? "visit" : roll < 98 ? "referral" : "other";
            var user = random.Next(Users);
            rows[i] =
            [
                "tp-" + (i + 1).ToString(CultureInfo.InvariantCulture),
                "u-" + user.ToString("D6", CultureInfo.InvariantCulture),
                at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                Channels[random.Next(Channels.Length)],
                random.Next(10) < 8 ? "cmp-" + at.Month.ToString("D2", CultureInfo.InvariantCulture) + "-" + random.Next(8).ToString(CultureInfo.InvariantCulture) : null,
                type,
                type == "referral" ? "ref-" + random.Next(5000).ToString("D4", CultureInfo.InvariantCulture) : null,
            ];
        }

        return rows;
    }

    /// <summary>The rows as CSV text with the header, UTF-8, LF line ends.</summary>
    public static void Write(TextWriter writer, IEnumerable<string?[]> rows)
    {
        writer.Write(Header);
        writer.Write('\n');
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++)
            {
                if (c > 0)
                {
                    writer.Write(',');
                }

                writer.Write(row[c]);
            }

            writer.Write('\n');
        }
    }

    /// <summary>The rows as CSV bytes.</summary>
    public static byte[] Bytes(IEnumerable<string?[]> rows)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
        {
            Write(writer, rows);
        }

        return buffer.ToArray();
    }
}
