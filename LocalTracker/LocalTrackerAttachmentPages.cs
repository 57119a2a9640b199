using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace TeamsItBot.LocalTracker;

/// <summary>
/// Attachments on the browse page (images inline, small text files shown as text, the rest as download
/// links) and the download itself, always with a type read from the bytes (never HTML), nosniff and a
/// sandboxing CSP, and Content-Disposition: inline only for images and text.
/// </summary>
internal static class LocalTrackerAttachmentPages
{
    /// <summary>Text attachments up to this size are shown on the page as well (the transcript).</summary>
    private const int InlineTextBytes = 256 * 1024;

    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static async Task AppendAsync(StringBuilder body, LocalIssue issue, LocalIssueStore store, CancellationToken cancellationToken)
    {
        var attachments = await store.AttachmentsAsync(issue.Id, cancellationToken);
        body.Append("<h2>Attachments</h2>");
        if (attachments.Count == 0)
        {
            body.Append("<p>No attachments.</p>");
            return;
        }

        body.Append("<ul class=\"attachments\">");
        foreach (var attachment in attachments)
        {
            var url = Url(issue.Key, attachment);
            var size = attachment.Size.ToString("N0", CultureInfo.InvariantCulture);
            body.Append(CultureInfo.InvariantCulture, $"<li class=\"attachment\"><a href=\"{Html.Encode(url)}\">{Html.Encode(attachment.FileName)}</a> <small>{size} bytes</small>");
            if (AttachmentContentTypes.IsImage(attachment.ContentType))
            {
                body.Append(CultureInfo.InvariantCulture, $"<br><img src=\"{Html.Encode(url)}\" alt=\"{Html.Encode(attachment.FileName)}\">");
            }
            else if (AttachmentContentTypes.IsText(attachment.ContentType) && attachment.Size <= InlineTextBytes
                && await store.AttachmentContentAsync(issue.Key, attachment.Id, cancellationToken) is { } text)
            {
                body.Append("<pre class=\"attachment-text\">").Append(Html.Encode(Encoding.UTF8.GetString(text.Content))).Append("</pre>");
            }

            body.Append("</li>");
        }

        body.Append("</ul>");
    }

    public static async Task<IResult> ServeAsync(string key, long id, LocalIssueStore store, CancellationToken cancellationToken)
    {
        if (await store.AttachmentContentAsync(key, id, cancellationToken) is not { } found)
        {
            return LocalTrackerPages.Page(StatusCodes.Status404NotFound, "Attachment not found", "<h1>Attachment not found</h1>");
        }

        return new AttachmentResult(found.Attachment, found.Content);
    }

    private static string Url(string key, LocalAttachment attachment) =>
        $"{LocalTrackerOptions.BasePath}/browse/{Uri.EscapeDataString(key)}/attachments/{attachment.Id}/{Uri.EscapeDataString(attachment.FileName)}";

    private sealed class AttachmentResult(LocalAttachment attachment, byte[] content) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            // The stored type came from the bytes; anything but an image, PDF or text is opaque bytes.
            var type = attachment.ContentType is "image/png" or "image/jpeg" or "image/gif" or "image/webp" or "image/bmp" or "application/pdf" or AttachmentContentTypes.PlainText
                ? attachment.ContentType
                : AttachmentContentTypes.OctetStream;
            var inline = AttachmentContentTypes.IsImage(type) || AttachmentContentTypes.IsText(type);
            var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
            disposition.SetHttpFileName(attachment.FileName);
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = type;
            response.ContentLength = content.LongLength;
            response.Headers.ContentDisposition = disposition.ToString();
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
            response.Headers.CacheControl = "private, no-store";
            return response.Body.WriteAsync(content, httpContext.RequestAborted).AsTask();
        }
    }
}
