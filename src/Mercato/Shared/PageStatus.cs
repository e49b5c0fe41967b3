namespace Mercato.Shared;

/// <summary>The HTTP status of a page that renders its own "there is no such ..." message.</summary>
public static class PageStatus
{
    /// <summary>
    /// Makes the page answer 404 and keeps its own message. Blazor's static rendering sends an empty body when a component
    /// sets 404 itself (it expects <c>NavigationManager.NotFound</c> and one router-wide not-found page), so the status is
    /// set as the response starts, after the page has been rendered into the buffer.
    /// </summary>
    public static void NotFound(HttpContext? http)
    {
        if (http is null || http.Response.HasStarted)
        {
            return;
        }

        http.Response.OnStarting(() =>
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
    }
}
