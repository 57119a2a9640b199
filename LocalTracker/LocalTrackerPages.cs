using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace TeamsItBot.LocalTracker;

/// <summary>
/// The browse page of one issue and the health probe. All user text is HTML-encoded; the description is
/// rendered the way Jira Cloud shows it (<see cref="DescriptionHtml"/>), with raw HTML disabled.
/// </summary>
internal static class LocalTrackerPages
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static async Task<IResult> BrowseAsync(string key, LocalIssueStore store, CancellationToken cancellationToken)
    {
        var issue = await store.GetAsync(key, cancellationToken);
        if (issue is null)
        {
            return Page(StatusCodes.Status404NotFound, "Issue not found",
                $"<h1>Issue not found</h1><p>No issue <code>{Html.Encode(key)}</code> exists in the local tracker.</p>");
        }

        var body = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<p class=\"key\">{Html.Encode(issue.Key)}</p>")
            .Append(CultureInfo.InvariantCulture, $"<h1>{Html.Encode(issue.Summary)}</h1><dl>")
            .Append(CultureInfo.InvariantCulture, $"<dt>Status</dt><dd>{Html.Encode(issue.Status)}</dd>")
            .Append(CultureInfo.InvariantCulture, $"<dt>Type</dt><dd>{Html.Encode(issue.IssueType)}</dd>")
            .Append(CultureInfo.InvariantCulture, $"<dt>Priority</dt><dd>{Html.Encode(issue.Priority ?? "None")}</dd>")
            .Append(CultureInfo.InvariantCulture, $"<dt>Labels</dt><dd>{Html.Encode(string.Join(", ", issue.Labels))}</dd>")
            .Append(CultureInfo.InvariantCulture, $"<dt>Components</dt><dd>{Html.Encode(string.Join(", ", issue.Components))}</dd>")
            .Append(CultureInfo.InvariantCulture, $"<dt>Created</dt><dd>{issue.Created.ToString("u", CultureInfo.InvariantCulture)}</dd></dl>")
            .Append("<h2>Description</h2><div class=\"description\">").Append(DescriptionHtml.Render(issue.Description)).Append("</div>");
        await LocalTrackerAttachmentPages.AppendAsync(body, issue, store, cancellationToken);
        AppendActivity(body, issue, await store.CommentsAsync(issue.Id, 100, cancellationToken), await store.HistoryAsync(issue.Id, cancellationToken));
        return Page(StatusCodes.Status200OK, $"{issue.Key}: {issue.Summary}", body.ToString());
    }

    /// <summary>Comments, history and the agent's form (comment, status change), posted back to this page.</summary>
    private static void AppendActivity(StringBuilder body, LocalIssue issue, IReadOnlyList<LocalComment> comments, IReadOnlyList<LocalHistoryEntry> history)
    {
        body.Append("<h2>Comments</h2>");
        if (comments.Count == 0) body.Append("<p>No comments yet.</p>");
        foreach (var comment in comments)
        {
            body.Append(CultureInfo.InvariantCulture,
                $"<div class=\"comment\" id=\"comment-{comment.Id}\"><p><b>{Html.Encode(comment.Author)}</b> <small>{comment.Created.ToString("u", CultureInfo.InvariantCulture)}</small></p><pre>{Html.Encode(comment.Body)}</pre></div>");
        }

        body.Append("<h2>History</h2><ul class=\"history\">")
            .Append(CultureInfo.InvariantCulture, $"<li><small>{issue.Created.ToString("u", CultureInfo.InvariantCulture)}</small> created</li>");
        foreach (var entry in history)
        {
            body.Append(CultureInfo.InvariantCulture, $"<li><small>{entry.At.ToString("u", CultureInfo.InvariantCulture)}</small> {Html.Encode(entry.Who)} {Html.Encode(entry.What)}</li>");
        }

        var action = $"{LocalTrackerOptions.BasePath}/browse/{Uri.EscapeDataString(issue.Key)}";
        body.Append("</ul><h2>Act as the IT agent</h2>")
            .Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{Html.Encode(action)}/comment\">")
            .Append("<p><label>Your name <input name=\"author\" value=\"IT agent\" maxlength=\"100\"></label></p>")
            .Append("<p><label>Comment<br><textarea name=\"body\" rows=\"4\" cols=\"60\" maxlength=\"32000\" required></textarea></label></p>")
            .Append("<p><button type=\"submit\">Add comment</button></p></form>")
            .Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{Html.Encode(action)}/transition\">")
            .Append("<input type=\"hidden\" name=\"author\" value=\"IT agent\"><p>");
        foreach (var transition in LocalWorkflow.From(issue.Status))
        {
            body.Append(CultureInfo.InvariantCulture,
                $"<button type=\"submit\" name=\"transition\" value=\"{transition.Id}\">{Html.Encode(transition.Name)} (to {Html.Encode(transition.To)})</button> ");
        }

        body.Append("</p></form>");
    }

    public static async Task<IResult> HealthAsync(LocalIssueStore store, CancellationToken cancellationToken)
    {
        try
        {
            await store.CheckAsync(cancellationToken);
            return Results.Json(new Dictionary<string, string> { ["status"] = "ok" });
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return Results.Json(new Dictionary<string, string> { ["status"] = "unavailable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    internal static HtmlResult Page(int status, string title, string body)
    {
        var html = $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{{Html.Encode(title)}} - Local tracker</title>
            <style>body{font-family:sans-serif;max-width:50rem;margin:2rem auto}pre,code{background:#f4f4f4}pre{white-space:pre-wrap;padding:1rem}.description{border:1px solid #ddd;padding:0 1rem}.attachment img{max-width:100%;border:1px solid #ddd}dt{font-weight:bold}</style>
            </head><body>{{body}}<hr><p><small>TeamsItBot local tracker (stand-in for Jira)</small></p></body></html>
            """;
        return new HtmlResult(status, html);
    }

    /// <summary>HTML with headers that forbid scripts, so even a missed encoding cannot run code.</summary>
    internal sealed class HtmlResult(int status, string html) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = "text/html; charset=utf-8";
            httpContext.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'";
            httpContext.Response.Headers.XContentTypeOptions = "nosniff";
            return httpContext.Response.WriteAsync(html, httpContext.RequestAborted);
        }
    }
}
