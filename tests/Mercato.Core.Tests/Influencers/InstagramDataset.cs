using System.Globalization;
using System.Text;
using Mercato.Core.Influencers;

namespace Mercato.Core.Tests.Influencers;

/// <summary>
/// The public Instagram "fake / genuine accounts" data set (Kaggle "Instagram fake spammer genuine accounts"; 576 train
/// and 120 test rows) read from outside the repository (its licence is unknown): the directory in MERCATO_INSTA_DATA,
/// else /work/data. Columns: profile pic, nums/length username, fullname words, nums/length fullname, name==username,
/// description length, external URL, private, #posts, #followers, #follows, fake. Mapped to <see cref="FollowerProfile"/>:
/// has_profile_picture = profile pic; username = a synthetic 10-character string whose digit share is the row's
/// nums/length username rounded to tenths (round half away from zero), letters elsewhere; bio_length = description
/// length; is_private = private; posts, followers, following as given; account age unknown. The full-name and URL
/// columns have no place in the profile and are dropped.
/// </summary>
internal static class InstagramDataset
{
    public static string Directory => Environment.GetEnvironmentVariable("MERCATO_INSTA_DATA") is { Length: > 0 } d ? d : "/work/data";

    public static string PathOf(string split) => Path.Combine(Directory, "insta_" + split + ".csv");

    public static bool Present => File.Exists(PathOf("train")) && File.Exists(PathOf("test"));

    public static IReadOnlyList<LabelledFollower> Load(string split)
    {
        var rows = new List<LabelledFollower>();
        var lines = File.ReadAllLines(PathOf(split));
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var c = line.Split(',');
            double D(int k) => double.Parse(c[k], NumberStyles.Float, CultureInfo.InvariantCulture);
            var digits = (int)Math.Round(D(1) * 10, MidpointRounding.AwayFromZero);
            var username = new string('u', 10 - digits) + new string('7', digits);
            var profile = new FollowerProfile(
                split + "-" + i.ToString(CultureInfo.InvariantCulture),
                (long)D(9),
                (long)D(10),
                (long)D(8),
                D(0) > 0,
                D(7) > 0,
                username,
                (int)D(5));
            rows.Add(new LabelledFollower(profile, D(11) > 0));
        }

        return rows;
    }

    /// <summary>Writes the rows as an <c>influencer_followers</c>-style labelled CSV (account age left empty).</summary>
    public static void WriteMercatoCsv(IReadOnlyList<LabelledFollower> rows, string path)
    {
        var text = new StringBuilder("follower_id,followers,following,posts,has_profile_picture,is_private,username,bio_length,account_age_days,is_fake\n");
        foreach (var (p, fake) in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{p.FollowerId},{p.Followers},{p.Following},{p.Posts},{(p.HasProfilePicture ? "true" : "false")},{(p.IsPrivate ? "true" : "false")},{p.Username},{p.BioLength},{p.AccountAgeDays},{(fake ? "true" : "false")}\n");
        }

        File.WriteAllText(path, text.ToString());
    }
}
