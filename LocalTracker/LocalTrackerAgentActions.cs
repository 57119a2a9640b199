using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace TeamsItBot.LocalTracker;

/// <summary>
/// The browse page's forms: an IT agent comments or changes the status. Accepted only from the
/// tracker's own pages (same origin, as a browser reports it), so another site cannot post for them.
/// </summary>
internal static class LocalTrackerAgentActions
{
    public const int MaxCommentLength = 32000;

    public static async Task<IResult> CommentAsync(string key, HttpContext context, LocalIssueStore store)
    {
        if (Refuse(context) is { } refused) return refused;
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var body = form["body"].ToString().Trim();
        if (body.Length == 0) return Problem(StatusCodes.Status400BadRequest, "The comment is empty.");
        if (body.Length > MaxCommentLength) return Problem(StatusCodes.Status400BadRequest, $"The comment is longer than {MaxCommentLength} characters.");
        var comment = await store.AddCommentAsync(key, Author(form["author"]), body, context.RequestAborted);
        return comment is null ? Problem(StatusCodes.Status404NotFound, "No such issue.") : Back(key);
    }

    public static async Task<IResult> TransitionAsync(string key, HttpContext context, LocalIssueStore store)
    {
        if (Refuse(context) is { } refused) return refused;
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (!int.TryParse(form["transition"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return Problem(StatusCodes.Status400BadRequest, "No transition chosen.");
        }

        return await store.TransitionAsync(key, id, Author(form["author"]), null, context.RequestAborted) switch
        {
            null => Problem(StatusCodes.Status404NotFound, "No such issue."),
            false => Problem(StatusCodes.Status409Conflict, "That status change is not possible from the issue's current status; reload the page."),
            true => Back(key),
        };
    }

    /// <summary>403 unless the browser says the form came from this origin (Origin, else Sec-Fetch-Site).</summary>
    private static LocalTrackerPages.HtmlResult? Refuse(HttpContext context)
    {
        var request = context.Request;
        if (!request.HasFormContentType) return Problem(StatusCodes.Status415UnsupportedMediaType, "Send the page's form.");
        var origin = request.Headers.Origin.ToString();
        var own = $"{request.Scheme}://{request.Host}";
        var sameOrigin = origin.Length > 0
            ? string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
            : request.Headers["Sec-Fetch-Site"].ToString() == "same-origin";
        return sameOrigin ? null : Problem(StatusCodes.Status403Forbidden, "Cross-site form posts are refused; use the issue's own page.");
    }

    private static string Author(StringValues value)
    {
        var name = string.Join(' ', value.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return name.Length == 0 ? "IT agent" : name.Length > 100 ? name[..100] : name;
    }

    private static SeeOther Back(string key) => new(key);

    private static LocalTrackerPages.HtmlResult Problem(int status, string message) =>
        LocalTrackerPages.Page(status, "Not done", $"<h1>Not done</h1><p>{System.Net.WebUtility.HtmlEncode(message)}</p>");

    /// <summary>303, so the browser follows with a GET and a reload does not post again.</summary>
    private sealed class SeeOther(string key) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = $"{httpContext.Request.PathBase}{LocalTrackerOptions.BasePath}/browse/{Uri.EscapeDataString(key.ToUpperInvariant())}";
            return Task.CompletedTask;
        }
    }
}
