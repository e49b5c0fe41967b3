using BenchmarkDotNet.Attributes;
using Mercato.Core.Listening;

namespace Mercato.Benchmarks;

/// <summary>
/// The Chinese scorer on one core: sixteen short posts and reviews (6 to 30 characters, with negation, degree adverbs,
/// adversatives, exclamations, emoji and bracket emoticons) scored in turn, so the figure is texts per second; jieba.NET's
/// dictionaries are loaded once in the setup, as the host loads them once per process.
/// </summary>
[MemoryDiagnoser]
public class ChineseListeningBenchmarks
{
    private static readonly string[] Posts =
    [
        "质量很好，非常满意",
        "用了两天就坏了，太失望了！",
        "虽然价格有点贵，但是真的好用👍",
        "客服态度很差[怒]",
        "不太满意，做工一般",
        "血压计测得很准，老人用着放心",
        "雾化器噪音很小，孩子不害怕",
        "物流太慢了，等了一个星期",
        "这个价格买到这个品质，划算",
        "请问这款体温计适合婴儿吗？",
        "yyds！闭眼入",
        "智商税，千万别买",
        "包装破损，里面的零件也少了",
        "一点也不好用，后悔",
        "明天下午三点门店有活动",
        "颜值高，功能也强大，推荐给大家😊",
    ];

    private ChineseSentiment chinese = null!;

    [GlobalSetup]
    public void Setup() =>
        chinese = new ChineseSentiment(ChineseLexicon.Shipped, ChineseSegmenter.Load(Path.Combine(AppContext.BaseDirectory, "Listening", "jieba")));

    /// <summary>Sixteen texts per call: divide the mean by 16 for one text.</summary>
    [Benchmark(OperationsPerInvoke = 16)]
    public double ScoreSixteenPosts()
    {
        var sum = 0.0;
        foreach (var post in Posts)
        {
            sum += chinese.Score(post).Score;
        }

        return sum;
    }
}
