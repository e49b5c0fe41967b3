using System.Globalization;
using System.Text;
using Mercato.Core.Listening;

namespace Mercato.Core.Tests.Listening;

/// <summary>
/// The Chinese scorer: each rule on small hand cases, the segmenter's user dictionary, and the accuracy on the labelled
/// set (Listening/Data: a dev part used while building the lexicon and the rules, and a held-out part written first,
/// frozen, and never used for tuning).
/// </summary>
public class ChineseSentimentTests(ITestOutputHelper output)
{
    /// <summary>The floor on the dev part: the dev figure, 0.969 (346 of 357), less a small margin.</summary>
    private const double DevFloor = 0.95;

    /// <summary>The floor on the held-out part: the goal.</summary>
    private const double HeldOutFloor = 0.85;

    internal static readonly Lazy<ChineseSentiment> Scorer = new(() =>
        new ChineseSentiment(ChineseLexicon.Shipped, ChineseSegmenter.Load(Path.Combine(AppContext.BaseDirectory, "Listening", "jieba"))));

    private static double Normalise(double x) => Math.Round(x / Math.Sqrt((x * x) + ChineseSentiment.NormalisationAlpha), 4, MidpointRounding.ToEven);

    private static double ScoreOf(string text) => Scorer.Value.Score(text).Score;

    [Fact]
    public void EmptyText_IsNeutralZero()
    {
        Assert.Equal(new TextSentiment("zh", 0, SentimentLabel.Neutral, 0, 0, 0), Scorer.Value.Score(""));
        Assert.Equal(new TextSentiment("zh", 0, SentimentLabel.Neutral, 0, 0, 0), Scorer.Value.Score("，。！ "));
    }

    [Fact]
    public void WordWithoutRules_ScoresItsWeight()
    {
        var scored = Scorer.Value.Score("喜欢");

        Assert.Equal(Normalise(2.0), scored.Score);
        Assert.Equal(SentimentLabel.Positive, scored.Label);
        Assert.Equal(1.0, scored.Positive);
    }

    [Fact]
    public void NeutralSentence_IsNeutral()
    {
        var scored = Scorer.Value.Score("明天上午十点在门店开会");

        Assert.Equal(0, scored.Score);
        Assert.Equal(SentimentLabel.Neutral, scored.Label);
        Assert.Equal(1.0, scored.Neutral);
    }

    [Fact]
    public void Negator_FlipsAndDamps()
    {
        Assert.Equal(Normalise(2.0 * -0.74), ScoreOf("不喜欢"));
        Assert.Equal(Normalise(2.0 * -0.74), ScoreOf("我没有喜欢"));
        Assert.Equal(Normalise(-2.2 * -0.74), ScoreOf("没有副作用"));
    }

    [Fact]
    public void TwoNegators_CancelOut()
    {
        Assert.Equal(Normalise(2.0), ScoreOf("不是不喜欢"));
    }

    [Fact]
    public void Degree_ScalesTheWordAfterIt()
    {
        Assert.Equal(Normalise(2.0 * 1.8), ScoreOf("非常喜欢"));
        Assert.Equal(Normalise(-2.5 * 0.6), ScoreOf("有点失望"));
        Assert.True(ScoreOf("非常喜欢") > ScoreOf("喜欢"));
        Assert.True(ScoreOf("有点失望") > ScoreOf("失望"));
    }

    [Fact]
    public void NotVery_IsMilderThanVeryNot()
    {
        // 不太好 "not very good": the degree is dropped and the negation halved; 太不好 "too bad": the negated word scaled.
        Assert.Equal(Normalise(2.0 * -0.74 * 0.5), ScoreOf("不太好"));
        Assert.Equal(Normalise(2.2 * -0.74 * 0.5), ScoreOf("不是很满意"));
        Assert.Equal(Normalise(2.0 * 1.8 * -0.74), ScoreOf("太不喜欢"));
        Assert.True(ScoreOf("太不好") < ScoreOf("不好"));
        Assert.True(ScoreOf("不好") < ScoreOf("不太好"));
        Assert.True(ScoreOf("不太好") < 0);
    }

    [Fact]
    public void Emphatic_BeforeANegator_Strengthens()
    {
        Assert.Equal(Normalise(2.0 * -0.74 * 1.5), ScoreOf("一点也不喜欢"));
        Assert.Equal(Normalise(2.0 * -0.74 * 1.5), ScoreOf("根本不喜欢"));

        // 不好用 is a word of the lexicon (−2.5) with its negator inside: the emphasis applies as to a negated word.
        Assert.Equal(Normalise(-2.5 * 1.5), ScoreOf("一点也不好用"));
    }

    [Fact]
    public void Diminisher_TurnsTheNegativeWordBeforeIt()
    {
        Assert.Equal(Normalise(-1.5 * -0.74 * 1.4), ScoreOf("噪音很小"));
        Assert.Equal(SentimentLabel.Negative, Scorer.Value.Score("噪音很大").Label);
    }

    [Fact]
    public void Adversative_WeighsTheSecondPartMore()
    {
        // 喜欢 2.0 before 但是 (×0.5), 失望 −2.5 after it (×1.5).
        Assert.Equal(Normalise((2.0 * 0.5) + (-2.5 * 1.5)), ScoreOf("喜欢，但是失望"));
        Assert.Equal(Normalise((-2.5 * 0.5) + (2.0 * 1.5)), ScoreOf("失望，不过喜欢"));
        Assert.Equal(SentimentLabel.Positive, Scorer.Value.Score("虽然有点贵，但是很好用").Label);
        Assert.Equal(SentimentLabel.Negative, Scorer.Value.Score("外观漂亮，但是很难用").Label);
    }

    [Fact]
    public void Concessive_WithoutAdversative_WeighsTheRestMore()
    {
        Assert.Equal(Normalise((-1.2 * 0.5) + (2.0 * 1.5)), ScoreOf("虽然贵，喜欢"));
    }

    [Fact]
    public void Exclamation_Amplifies_UpToFour()
    {
        Assert.Equal(Normalise(2.0 + 0.292), ScoreOf("喜欢！"));
        Assert.Equal(Normalise(2.0 + (3 * 0.292)), ScoreOf("喜欢!!!"));
        Assert.Equal(Normalise(2.0 + (4 * 0.292)), ScoreOf("喜欢！！！！！！"));
        Assert.Equal(Normalise(-2.5 - 0.292), ScoreOf("失望！"));
    }

    [Fact]
    public void EmojiAndBracketEmoticons_ScoreByTheLexicon()
    {
        Assert.Equal(Normalise(2.0), ScoreOf("👍"));
        Assert.Equal(Normalise(-3.0), ScoreOf("😡"));
        Assert.Equal(Normalise(-3.0), ScoreOf("💩"));
        Assert.Equal(Normalise(2.5), ScoreOf("❤️"));
        Assert.Equal(Normalise(2.0), ScoreOf("[赞]"));
        Assert.Equal(Normalise(-2.5), ScoreOf("[怒]"));
        Assert.Equal(Normalise(2.0 + 2.0), ScoreOf("收到了👍🏻[赞]"));
        Assert.Equal(Normalise(-3.0), ScoreOf("客服😡"));
    }

    [Fact]
    public void InternetExpressions_ScoreByTheLexicon()
    {
        Assert.Equal(SentimentLabel.Positive, Scorer.Value.Score("这个真的yyds").Label);
        Assert.Equal(SentimentLabel.Positive, Scorer.Value.Score("绝绝子").Label);
        Assert.Equal(SentimentLabel.Negative, Scorer.Value.Score("又交了智商税").Label);
        Assert.Equal(SentimentLabel.Negative, Scorer.Value.Score("踩雷了").Label);
    }

    [Fact]
    public void Score_StaysWithinMinusOneAndOne()
    {
        var praise = string.Concat(Enumerable.Repeat("非常满意！强烈推荐😍", 50));
        var complaint = string.Concat(Enumerable.Repeat("太差了！垃圾😡", 50));

        Assert.InRange(ScoreOf(praise), 0.99, 1.0);
        Assert.InRange(ScoreOf(complaint), -1.0, -0.99);
        var scored = Scorer.Value.Score(praise);
        Assert.Equal(1.0, scored.Positive + scored.Neutral + scored.Negative, 2);
    }

    [Fact]
    public void AddedWords_AreCutWhole_AndAddingAgainIsANoOp()
    {
        var segmenter = ChineseSegmenter.Load(Path.Combine(AppContext.BaseDirectory, "Listening", "jieba"));
        const string Brand = "澜沐康护";
        Assert.DoesNotContain(Brand, segmenter.Cut("我买了澜沐康护的雾化器"));

        Assert.Equal(1, segmenter.AddWords([Brand, "side effect", "x"]));
        Assert.Equal(0, segmenter.AddWords([Brand]));

        Assert.Contains(Brand, segmenter.Cut("我买了澜沐康护的雾化器"));
    }

    [Fact]
    public void Segmenter_LoadsOnce_AndRefusesAnotherFolder()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Listening", "jieba");

        Assert.Same(ChineseSegmenter.Load(folder), ChineseSegmenter.Load(folder + "/"));
        Assert.Throws<InvalidOperationException>(() => ChineseSegmenter.Load(Path.GetTempPath()));
    }

    [Fact]
    public void ConcurrentScoringAndAdding_GivesTheSequentialResults()
    {
        var texts = Read("zh_sentiment_dev.tsv").Select(r => r.Text).Take(120).ToArray();
        var expected = texts.Select(t => Scorer.Value.Score(t)).ToArray();
        var actual = new TextSentiment[texts.Length];

        Parallel.For(0, texts.Length * 2, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            if (i % 2 == 0)
            {
                actual[i / 2] = Scorer.Value.Score(texts[i / 2]);
            }
            else
            {
                var segmenter = ChineseSegmenter.Load(Path.Combine(AppContext.BaseDirectory, "Listening", "jieba"));
                segmenter.AddWords([string.Create(CultureInfo.InvariantCulture, $"测品牌{i}号")]);
            }
        });

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void SentimentScorer_RoutesChineseToTheChineseScorer()
    {
        var scorer = new SentimentScorer(new Vader(VaderLexicon.Parse(new StringReader("good\t1.9"))), Scorer.Value);

        Assert.Equal(Scorer.Value.Score("这本书很好看"), scorer.Score("这本书很好看", "auto"));
        Assert.Equal("zh", scorer.Score("good", "zh").Language);
    }

    [Fact]
    public void Dev_Accuracy_IsAtLeastTheFloor() => AssertAccuracy("zh_sentiment_dev.tsv", DevFloor);

    [Fact]
    public void HeldOut_Accuracy_IsAtLeastTheGoal() => AssertAccuracy("zh_sentiment_heldout.tsv", HeldOutFloor);

    private void AssertAccuracy(string file, double floor)
    {
        var rows = Read(file);
        string[] labels = ["positive", "neutral", "negative"];
        var confusion = new int[3, 3];
        var misses = new StringBuilder();
        foreach (var (label, text) in rows)
        {
            var scored = Scorer.Value.Score(text);
            var predicted = scored.Label switch
            {
                SentimentLabel.Positive => "positive",
                SentimentLabel.Negative => "negative",
                _ => "neutral",
            };
            confusion[Array.IndexOf(labels, label), Array.IndexOf(labels, predicted)]++;
            if (predicted != label)
            {
                misses.AppendLine(CultureInfo.InvariantCulture, $"  {label} -> {predicted} ({scored.Score:0.####}): {text}");
            }
        }

        var correct = confusion[0, 0] + confusion[1, 1] + confusion[2, 2];
        var accuracy = (double)correct / rows.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{file}: {correct}/{rows.Count} = {accuracy:0.0000} (floor {floor})"));
        output.WriteLine("rows: labelled, columns: predicted");
        output.WriteLine("| | positive | neutral | negative |");
        output.WriteLine("| --- | ---: | ---: | ---: |");
        for (var r = 0; r < 3; r++)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {labels[r]} | {confusion[r, 0]} | {confusion[r, 1]} | {confusion[r, 2]} |"));
        }

        output.WriteLine("misses:");
        output.WriteLine(misses.ToString());
        Assert.True(accuracy >= floor, string.Create(CultureInfo.InvariantCulture, $"accuracy {accuracy:0.0000} below {floor}"));
    }

    private static List<(string Label, string Text)> Read(string file)
    {
        var rows = new List<(string, string)>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Listening", "Data", file), Encoding.UTF8))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var label = line[..tab];
            Assert.Contains(label, new[] { "positive", "neutral", "negative" });
            rows.Add((label, line[(tab + 1)..]));
        }

        return rows;
    }
}
