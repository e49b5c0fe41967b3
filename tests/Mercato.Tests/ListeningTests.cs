using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Mercato.Tests;

/// <summary><c>mercato listening score</c> and <c>POST /api/v1/listening/score</c>, as a user and a program use them.</summary>
public class ListeningTests
{
    private const string Texts = "VADER is smart, handsome, and funny.\n这本书很好看\nToday SUX!\r\nCatch utf-8 emoji such as 💘 and 💋 and 😁\n";

    private static void AssertScores(JsonElement[] rows)
    {
        Assert.Equal(4, rows.Length);
        Assert.Equal("en", rows[0].GetProperty("language").GetString());
        Assert.Equal(0.8316, rows[0].GetProperty("score").GetDouble(), 4);
        Assert.Equal("positive", rows[0].GetProperty("label").GetString());
        Assert.Equal(0.746, rows[0].GetProperty("pos").GetDouble(), 3);
        Assert.Equal(0.254, rows[0].GetProperty("neu").GetDouble(), 3);
        Assert.Equal(0.0, rows[0].GetProperty("neg").GetDouble(), 3);
        // 很 (×1.4) 好看 (2.0) = 2.8, normalised 2.8/√(2.8² + 15).
        Assert.Equal("zh", rows[1].GetProperty("language").GetString());
        Assert.Equal("positive", rows[1].GetProperty("label").GetString());
        Assert.Equal(0.5859, rows[1].GetProperty("score").GetDouble(), 4);
        Assert.Equal(-0.5461, rows[2].GetProperty("score").GetDouble(), 4);
        Assert.Equal("negative", rows[2].GetProperty("label").GetString());
        Assert.Equal(0.7003, rows[3].GetProperty("score").GetDouble(), 4);
    }

    private static JsonElement[] Lines(string stdout) =>
        [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];

    [Fact]
    public async Task Score_FromStandardInput_PrintsOneJsonObjectALine_InInputOrder()
    {
        using var dir = new TempDir();

        var run = await Cli.RunWithInputAsync(Encoding.UTF8.GetBytes(Texts), "listening", "score", "--data-dir", dir.Path);

        Assert.Equal(0, run.ExitCode);
        AssertScores(Lines(run.Stdout));
    }

    [Fact]
    public async Task Score_FromAFile_WithLangEn_ScoresEveryLineAsEnglish()
    {
        using var dir = new TempDir();
        var file = dir.File("posts.txt", Texts);

        var run = await Cli.RunAsync("listening", "score", "--input", file, "--lang", "en", "--data-dir", dir.Path);

        Assert.Equal(0, run.ExitCode);
        var rows = Lines(run.Stdout);
        Assert.Equal(4, rows.Length);
        Assert.All(rows, r => Assert.Equal("en", r.GetProperty("language").GetString()));
        Assert.Equal("neutral", rows[1].GetProperty("label").GetString());
    }

    [Fact]
    public async Task Score_WithLangZh_ScoresChinese()
    {
        using var dir = new TempDir();
        var file = dir.File("posts.txt", "质量很好，非常满意👍\n虽然便宜，但是用了三天就坏了\n请问这款血压计适合老人吗？\n");

        var run = await Cli.RunAsync("listening", "score", "--input", file, "--lang", "zh", "--data-dir", dir.Path);

        Assert.Equal(0, run.ExitCode);
        var rows = Lines(run.Stdout);
        Assert.Equal(["positive", "negative", "neutral"], rows.Select(r => r.GetProperty("label").GetString()));
        Assert.All(rows, r => Assert.Equal("zh", r.GetProperty("language").GetString()));
        Assert.True(rows[0].GetProperty("score").GetDouble() > 0.5);
    }

    [Fact]
    public async Task Score_AFileWithInvalidUtf8_ReportsTheLines_PrintsNothing_AndExits2()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "posts.txt");
        await File.WriteAllBytesAsync(file, [.. "good\n"u8, 0xFF, .. " bad\nfine\n"u8, 0xC3, (byte)'(', (byte)'\n']);

        var run = await Cli.RunAsync("listening", "score", "--input", file, "--data-dir", dir.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains("line 2: not valid UTF-8 (byte 0xFF at byte 1 of line 2)", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("line 4: not valid UTF-8 (byte 0xC3 at byte 1 of line 4)", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreApi_ReturnsTheSameObjects_ForAnArrayOfTexts()
    {
        await using var app = await RunningApp.StartAsync();
        string[] texts = [.. Texts.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(t => t.TrimEnd('\r'))];

        using var response = await app.Client.PostAsJsonAsync("/api/v1/listening/score", texts);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        AssertScores([.. json.RootElement.EnumerateArray()]);
        using var openApi = JsonDocument.Parse(await app.Client.GetStringAsync("/openapi/v1.json"));
        Assert.True(openApi.RootElement.GetProperty("paths").TryGetProperty("/api/v1/listening/score", out _));
    }

    [Theory]
    [InlineData("{\"texts\":[\"good\"]}")]
    [InlineData("[\"good\", 3]")]
    [InlineData("\"good\"")]
    [InlineData("not json")]
    public async Task ScoreApi_RefusesABodyThatIsNotAnArrayOfStrings_With422(string body)
    {
        await using var app = await RunningApp.StartAsync();

        using var response = await app.Client.PostAsync("/api/v1/listening/score", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("listening_body_not_texts", json.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task ScoreApi_RefusesAnUnknownLanguage_With400()
    {
        await using var app = await RunningApp.StartAsync();

        using var response = await app.Client.PostAsJsonAsync("/api/v1/listening/score?lang=fr", new[] { "bon" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
