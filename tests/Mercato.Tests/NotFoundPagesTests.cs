using System.Net;

namespace Mercato.Tests;

/// <summary>A page for something that does not exist answers 404 and still says what is missing and where to go.</summary>
public class NotFoundPagesTests
{
    [Theory]
    [InlineData("/campaigns/c/nope", "There is no campaign <code>nope</code>")]
    [InlineData("/campaigns/c/nope/edit", "There is no campaign <code>nope</code>")]
    [InlineData("/campaigns/c/nope/evaluation", "There is no campaign &quot;nope&quot;")]
    [InlineData("/campaigns/people/nope", "There is no person &quot;nope&quot;")]
    [InlineData("/organization/units/nope", "no organization structure yet, so there is no unit &quot;nope")]
    [InlineData("/measurement/mix/plans/nope", "no budget plan &quot;nope&quot;")]
    [InlineData("/datacenter/batches/424242", "There is no import with this number.")]
    public async Task UnknownThing_Answers404_WithThePagesOwnMessage(string path, string message)
    {
        await using var app = await RunningApp.StartAsync();

        using var response = await app.Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, body, StringComparison.Ordinal);
        Assert.Contains("<nav", body, StringComparison.Ordinal);
    }
}
