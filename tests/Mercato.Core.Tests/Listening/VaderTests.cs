using Mercato.Core.Listening;

namespace Mercato.Core.Tests.Listening;

/// <summary>
/// VADER against the figures its authors publish for their example sentences (the vaderSentiment README), with the
/// lexicon of the npm package vader-sentiment 1.1.3 that the build copies into Listening/ of the output.
/// </summary>
public class VaderTests
{
    private static readonly Lazy<Vader> Analyser = new(() => new Vader(LoadLexicon()));

    /// <summary>
    /// Sentence, compound, pos, neu, neg as the README of vaderSentiment prints them. Compound matches to 1e-4 for every
    /// sentence; where a proportion of the README comes from an older release, <see cref="Published_Proportions_MatchTheCurrentReference"/>
    /// says which.
    /// </summary>
    public static TheoryData<string, double, double, double, double> Published => new()
    {
        { "VADER is smart, handsome, and funny.", 0.8316, 0.746, 0.254, 0.0 },
        { "VADER is smart, handsome, and funny!", 0.8439, 0.752, 0.248, 0.0 },
        { "VADER is very smart, handsome, and funny.", 0.8545, 0.701, 0.299, 0.0 },
        { "VADER is VERY SMART, handsome, and FUNNY.", 0.9227, 0.754, 0.246, 0.0 },
        { "VADER is VERY SMART, handsome, and FUNNY!!!", 0.9342, 0.767, 0.233, 0.0 },
        { "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!", 0.9469, 0.706, 0.294, 0.0 },
        { "VADER is not smart, handsome, nor funny.", -0.7424, 0.0, 0.354, 0.646 },
        { "The book was good.", 0.4404, 0.492, 0.508, 0.0 },
        { "The book was only kind of good.", 0.3832, 0.303, 0.697, 0.0 },
        { "The plot was good, but the characters are uncompelling and the dialog is not great.", -0.7042, 0.094, 0.579, 0.327 },
        { "Today SUX!", -0.5461, 0.0, 0.221, 0.779 },
        { "Today only kinda sux! But I'll get by, lol", 0.5249, 0.317, 0.556, 0.127 },
        { "Make sure you :) or :D today!", 0.8633, 0.706, 0.294, 0.0 },
        { "Not bad at all", 0.431, 0.487, 0.513, 0.0 },
    };

    [Theory]
    [MemberData(nameof(Published))]
    public void Published_Sentences_ScoreAsTheAuthorsPublish(string sentence, double compound, double pos, double neu, double neg)
    {
        var scores = Analyser.Value.Score(sentence);

        Assert.Equal(compound, scores.Compound, 1e-4);
        Assert.Equal(pos, scores.Positive, 1e-4);
        Assert.Equal(neu, scores.Neutral, 1e-4);
        Assert.Equal(neg, scores.Negative, 1e-4);
    }

    /// <summary>
    /// "At least it isn't a horrible book.": compound 0.431 as published. The README's proportions (pos 0.363, neu
    /// 0.637) come from releases before 3.3 that dropped one-letter tokens such as "a"; vaderSentiment 3.3.2 keeps them,
    /// which adds a neutral token: pos 0.322, neu 0.678, as its own demo prints today. We follow 3.3.2.
    /// </summary>
    [Fact]
    public void Published_Proportions_MatchTheCurrentReference()
    {
        var scores = Analyser.Value.Score("At least it isn't a horrible book.");

        Assert.Equal(0.431, scores.Compound, 1e-4);
        Assert.Equal(0.322, scores.Positive, 1e-4);
        Assert.Equal(0.678, scores.Neutral, 1e-4);
        Assert.Equal(0.0, scores.Negative, 1e-4);
    }

    [Fact]
    public void Lexicon_FromTheNpmPackage_HasVadersEntries()
    {
        var lexicon = LoadLexicon();

        // 7,517 lines, 14 tokens twice: the later line wins, as in the reference's dictionary.
        Assert.Equal(7503, lexicon.Count);
        Assert.True(lexicon.TryGetValence("good", out var good));
        Assert.Equal(1.9, good, 1e-9);
        Assert.True(lexicon.TryGetValence(":)", out _));
        Assert.True(lexicon.EmojiCount > 1000);
    }

    /// <summary>
    /// The README's emoji sentence: compound 0.7003, pos 0.279, neu 0.721, as published. The emoji become their Unicode
    /// names (heart with arrow, kiss mark, beaming face with smiling eyes) from the npm package unicode-emoji-json, the
    /// same names as the reference's emoji lexicon for these three (VADER's emoji file is not on npm). A figure of 0.875
    /// also circulates for this sentence (with "such as" twice, from later runs); it needs a raw sum of 7.0 where the
    /// lexicon of vader-sentiment 1.1.3 gives 3.8 ("kiss" 1.8 + "smiling" 2.0), and we could not trace the missing 3.2
    /// without the Python release's files, so it is not pinned (docs/listening.md).
    /// </summary>
    [Fact]
    public void Published_EmojiSentence_ScoresAsTheReadmePublishes()
    {
        var scores = Analyser.Value.Score("Catch utf-8 emoji such as \U0001F498 and \U0001F48B and \U0001F601");

        Assert.Equal(0.7003, scores.Compound, 1e-4);
        Assert.Equal(0.279, scores.Positive, 1e-4);
        Assert.Equal(0.721, scores.Neutral, 1e-4);
        Assert.Equal(0.0, scores.Negative, 1e-4);
    }

    [Fact]
    public void EmptyOrPunctuationOnly_Text_ScoresZero()
    {
        Assert.Equal(new VaderScores(0, 0, 0, 0), Analyser.Value.Score(""));
        Assert.Equal(new VaderScores(0, 0, 0, 0), Analyser.Value.Score("   "));
    }

    [Fact]
    public void Booster_AtDistanceOneTwoThree_IsScaledOneNinetyFiveNinety()
    {
        var lexicon = VaderLexicon.Parse(new StringReader("good\t2.0\n"));
        var vader = new Vader(lexicon);

        // "very" adds 0.293 right before the word, 0.95 of it one word further, 0.9 of it two words further.
        Assert.Equal(Normalise(2.0 + 0.293), vader.Score("very good").Compound, 1e-4);
        Assert.Equal(Normalise(2.0 + (0.293 * 0.95)), vader.Score("very x good").Compound, 1e-4);
        Assert.Equal(Normalise(2.0 + (0.293 * 0.9)), vader.Score("very x y good").Compound, 1e-4);
        Assert.Equal(Normalise(2.0), vader.Score("very x y z good").Compound, 1e-4);
    }

    [Fact]
    public void Negation_MultipliesByMinusPointSevenFour_AndNeverSoRaises()
    {
        var vader = new Vader(VaderLexicon.Parse(new StringReader("good\t2.0\n")));

        Assert.Equal(Normalise(2.0 * -0.74), vader.Score("not good").Compound, 1e-4);
        Assert.Equal(Normalise(2.0 * -0.74), vader.Score("isn't x good").Compound, 1e-4);
        // "never so good": "so" right before boosts by 0.293, then "never so" raises the whole by 1.25.
        Assert.Equal(Normalise((2.0 + 0.293) * 1.25), vader.Score("never so good").Compound, 1e-4);
        // "least" negates, "at least" does not.
        Assert.Equal(Normalise(2.0 * -0.74), vader.Score("the least good").Compound, 1e-4);
        Assert.Equal(Normalise(2.0), vader.Score("at least good").Compound, 1e-4);
    }

    [Fact]
    public void Caps_InAMixedCaseText_AddPointSevenThreeThree_AndExclamationsCountUpToFour()
    {
        var vader = new Vader(VaderLexicon.Parse(new StringReader("good\t2.0\n")));

        Assert.Equal(Normalise(2.0 + 0.733 + 0.293), vader.Score("so GOOD").Compound, 1e-4);
        Assert.Equal(Normalise(2.0 + 0.733), vader.Score("x GOOD").Compound, 1e-4);
        Assert.Equal(Normalise(2.0), vader.Score("GOOD").Compound, 1e-4);
        Assert.Equal(Normalise(2.0 + (4 * 0.292)), vader.Score("good!!!!!!").Compound, 1e-4);
        Assert.Equal(Normalise(2.0 + (2 * 0.18)), vader.Score("good??").Compound, 1e-4);
        Assert.Equal(Normalise(2.0 + 0.96), vader.Score("good????").Compound, 1e-4);
    }

    [Fact]
    public void But_HalvesWhatComesBefore_AndRaisesWhatComesAfterByHalf()
    {
        var vader = new Vader(VaderLexicon.Parse(new StringReader("good\t2.0\nbad\t-2.5\n")));

        Assert.Equal(Normalise((2.0 * 0.5) + (-2.5 * 1.5)), vader.Score("good but bad").Compound, 1e-4);
    }

    /// <summary>
    /// The reference's "but" finds each valence by value (Python's list.index), so with repeated values it rescales an
    /// earlier position: [2.0, 1.0, but, 1.0] becomes [0.5, 0.5, 0, 1.0] (sum 2.0), not [1.0, 0.5, 0, 1.5] (sum 3.0).
    /// Kept, so the figures are the reference's.
    /// </summary>
    [Fact]
    public void But_WithRepeatedValues_RescalesAsTheReferenceDoes()
    {
        var vader = new Vader(VaderLexicon.Parse(new StringReader("good\t2.0\nfine\t1.0\n")));

        Assert.Equal(Normalise(2.0), vader.Score("good fine but fine").Compound, 1e-4);
    }

    [Fact]
    public void Emoji_AreReadAsTheirWords()
    {
        var vader = new Vader(VaderLexicon.Parse(new StringReader("love\t3.2\n"), new StringReader("\U0001F60D\tsmiling face with heart eyes love\n")));

        Assert.Equal(Normalise(3.2), vader.Score("\U0001F60D").Compound, 1e-4);
        Assert.Equal(Normalise(3.2), vader.Score("x\U0001F60D").Compound, 1e-4);
    }

    [Theory]
    [InlineData(0.05, SentimentLabel.Positive)]
    [InlineData(0.0499, SentimentLabel.Neutral)]
    [InlineData(-0.0499, SentimentLabel.Neutral)]
    [InlineData(-0.05, SentimentLabel.Negative)]
    public void Label_UsesVadersThresholds(double compound, SentimentLabel label) =>
        Assert.Equal(label, Vader.Label(compound));

    private static double Normalise(double x) => Math.Round(x / Math.Sqrt((x * x) + 15), 4);

    internal static VaderLexicon LoadLexicon()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Listening");
        using var lexicon = File.OpenText(Path.Combine(folder, "vader_lexicon.txt"));
        using var emoji = File.OpenText(Path.Combine(folder, "emoji_lexicon.txt"));
        return VaderLexicon.Parse(lexicon, emoji);
    }
}
