using BenchmarkDotNet.Attributes;
using Mercato.Core.Listening;

namespace Mercato.Benchmarks;

/// <summary>
/// VADER on one core: the README's sixteen example sentences (5 to 15 tokens, with boosters, negations, "but", capitals,
/// emoticons and emoji) scored in turn, so the figure is texts per second for short social posts.
/// </summary>
[MemoryDiagnoser]
public class ListeningBenchmarks
{
    private static readonly string[] Sentences =
    [
        "VADER is smart, handsome, and funny.",
        "VADER is smart, handsome, and funny!",
        "VADER is very smart, handsome, and funny.",
        "VADER is VERY SMART, handsome, and FUNNY.",
        "VADER is VERY SMART, handsome, and FUNNY!!!",
        "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
        "VADER is not smart, handsome, nor funny.",
        "The book was good.",
        "At least it isn't a horrible book.",
        "The book was only kind of good.",
        "The plot was good, but the characters are uncompelling and the dialog is not great.",
        "Today SUX!",
        "Today only kinda sux! But I'll get by, lol",
        "Make sure you :) or :D today!",
        "Catch utf-8 emoji such as \U0001F498 and \U0001F48B and \U0001F601",
        "Not bad at all",
    ];

    private Vader vader = null!;

    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Listening");
        using var lexicon = File.OpenText(Path.Combine(folder, "vader_lexicon.txt"));
        using var emoji = File.OpenText(Path.Combine(folder, "emoji_lexicon.txt"));
        vader = new Vader(VaderLexicon.Parse(lexicon, emoji));
    }

    /// <summary>Sixteen texts per call: divide the mean by 16 for one text.</summary>
    [Benchmark(OperationsPerInvoke = 16)]
    public double ScoreSixteenSentences()
    {
        var sum = 0.0;
        foreach (var sentence in Sentences)
        {
            sum += vader.Score(sentence).Compound;
        }

        return sum;
    }

    /// <summary>Loading the lexicon (7,517 lines) and the emoji names (1,391): once per process.</summary>
    [Benchmark]
    public int LoadLexicon()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Listening");
        using var lexicon = File.OpenText(Path.Combine(folder, "vader_lexicon.txt"));
        using var emoji = File.OpenText(Path.Combine(folder, "emoji_lexicon.txt"));
        return VaderLexicon.Parse(lexicon, emoji).Count;
    }
}
