using Mercato.Core.Listening;

namespace Mercato.Core.Tests.Listening;

public class LanguageDetectorTests
{
    [Theory]
    [InlineData("The book was good.", "en")]
    [InlineData("这本书很好看", "zh")]
    [InlineData("我很惊讶地看到VADER是如此有用!", "zh")] // 12 ideographs of 17 letters
    [InlineData("iPhone 16 Pro Max 真好", "en")] // 2 ideographs of 13 letters: 0.15 < 0.3
    [InlineData("abcdefg 好好好", "zh")] // 3 of 10: exactly 0.3
    [InlineData("Ça va très bien", "en")]
    [InlineData("Привет, мир", "")]
    [InlineData("12345 !!! :)", "")]
    [InlineData("", "")]
    public void Detect_FollowsTheStatedRule(string text, string language) =>
        Assert.Equal(language, LanguageDetector.Detect(text));
}

public class SentimentScoringTests
{
    private static readonly SentimentScorer Scorer = new(new Vader(VaderLexicon.Parse(new StringReader("good\t1.9\n:)\t2.0\n"))));

    [Fact]
    public void English_IsScoredByVader_WithItsLabel()
    {
        var scored = Scorer.Score("The book was good.", "auto");

        Assert.Equal(new TextSentiment("en", 0.4404, SentimentLabel.Positive, 0.492, 0.508, 0), scored);
    }

    [Fact]
    public void Chinese_WithoutAChineseScorer_IsNotScored()
    {
        // The host always passes the Chinese scorer (ChineseSentimentTests); a scorer built without one labels zh not scored.
        Assert.Equal(new TextSentiment("zh", 0, SentimentLabel.NotScored, 0, 0, 0), Scorer.Score("这本书很好看", "auto"));
        Assert.Equal(new TextSentiment("zh", 0, SentimentLabel.NotScored, 0, 0, 0), Scorer.Score("good", "zh"));
    }

    [Fact]
    public void NoDetectableLanguage_IsStillReadByVader_ForEmoticons()
    {
        var scored = Scorer.Score(":)", "auto");

        Assert.Equal("", scored.Language);
        Assert.Equal(SentimentLabel.Positive, scored.Label);
    }
}
