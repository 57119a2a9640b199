using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using TeamsItBot.Tickets.Evidence;

namespace TeamsItBot.Tickets;

/// <summary>
/// The evidence upload after the ticket exists. mcp-atlassian 0.23.1 attaches only through
/// jira_update_issue's <c>attachments</c>: paths on its own disk, under its working directory. The
/// call's <c>success</c> stays true when uploads fail, so each file's fate is read from
/// <c>issue.attachment_results</c>. A server that offers a base64 upload (a later release may) gets
/// the bytes instead. Nothing here can fail the ticket: every problem ends as an <see cref="UnattachedFile"/>.
/// </summary>
public sealed partial class McpJiraTicketService
{
    public const string UpdateIssueTool = "jira_update_issue";

    private const string NotAccepted = "the ticket system did not accept it";

    public async Task<AttachmentReport> AttachEvidenceAsync(TicketResult ticket, TicketDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(draft);
        var settings = evidenceOptions.Value;
        if (!settings.Enabled || draft.Evidence is not { IsEmpty: false } evidence)
        {
            return AttachmentReport.Nothing;
        }

        var failed = new List<UnattachedFile>();
        var uploads = new List<(string Name, string StoredPath)>();
        if (evidence.Transcript.Count > 0 && WriteTranscript(settings, draft, evidence) is { } transcript)
        {
            uploads.Add((EvidenceOptions.TranscriptFileName, transcript));
        }
        else if (evidence.Transcript.Count > 0)
        {
            failed.Add(new UnattachedFile(EvidenceOptions.TranscriptFileName, "the bot could not write it"));
        }

        foreach (var file in evidence.Files)
        {
            // Gone means an earlier attempt uploaded it and removed it (a restart between create and upload).
            if (File.Exists(settings.LocalPath(file.StoredPath)))
            {
                uploads.Add((file.FileName, file.StoredPath));
            }
            else
            {
                LogEvidenceGone(logger, file.StoredPath, ticket.Key);
            }
        }

        if (uploads.Count == 0)
        {
            return new AttachmentReport([], failed);
        }

        try
        {
            var (attached, refused) = await UploadAsync(ticket.Key, uploads, settings, cancellationToken);
            failed.AddRange(refused);
            LogEvidenceAttached(logger, ticket.Key, attached.Count, refused.Count);
            return new AttachmentReport(attached, failed);
        }
        catch (TicketException ex)
        {
            LogEvidenceFailed(logger, ticket.Key, ex.Message);
            return new AttachmentReport([], [.. failed, .. uploads.Select(u => new UnattachedFile(u.Name, NotAccepted))]);
        }
        finally
        {
            foreach (var (_, stored) in uploads)
            {
                Remove(settings.LocalPath(stored));
            }
        }
    }

    private async Task<(List<string> Attached, List<UnattachedFile> Failed)> UploadAsync(
        string issueKey, List<(string Name, string StoredPath)> uploads, EvidenceOptions settings, CancellationToken cancellationToken)
    {
        // Listing happens with the session; a call first makes sure there is one.
        if (_offeredTools is null)
        {
            await FindMissingToolsAsync(cancellationToken);
        }

        if (Base64UploadTool() is { } base64)
        {
            return await UploadBase64Async(issueKey, uploads, settings, base64, cancellationToken);
        }

        if (_offeredTools is { } offered && !offered.Contains(UpdateIssueTool))
        {
            return ([], [.. uploads.Select(u => new UnattachedFile(u.Name, "the ticket system does not allow attachments"))]);
        }

        var arguments = new Dictionary<string, object?>
        {
            ["issue_key"] = issueKey,
            ["fields"] = "{}",
            ["attachments"] = JsonSerializer.Serialize(uploads.Select(u => settings.ServerPath(u.StoredPath)).ToList()),
        };
        var result = await CallToolAsync("attach_evidence", UpdateIssueTool, arguments, cancellationToken);
        var text = ResultText(result);
        if (result.IsError == true)
        {
            LogEvidenceFailed(logger, issueKey, Shorten(text));
            return ([], [.. uploads.Select(u => new UnattachedFile(u.Name, NotAccepted))]);
        }

        return ReadAttachmentResults(text, uploads);
    }

    /// <summary>issue.attachment_results: uploaded[].filename and failed[].filename/error; a file in neither did not arrive.</summary>
    private (List<string> Attached, List<UnattachedFile> Failed) ReadAttachmentResults(string text, List<(string Name, string StoredPath)> uploads)
    {
        var uploaded = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            if (JsonNode.Parse(text)?["issue"]?["attachment_results"] is JsonObject results)
            {
                foreach (var item in results["uploaded"] as JsonArray ?? [])
                {
                    if (item?["filename"] is JsonValue name && name.TryGetValue<string>(out var value)) uploaded.Add(value);
                }

                foreach (var item in results["failed"] as JsonArray ?? [])
                {
                    LogUploadRefused(logger, item?["filename"]?.ToString() ?? "?", item?["error"]?.ToString() ?? "?");
                }
            }
        }
        catch (JsonException)
        {
            LogEvidenceFailed(logger, "(unreadable result)", Shorten(text));
        }

        var attached = new List<string>();
        var failed = new List<UnattachedFile>();
        foreach (var (name, stored) in uploads)
        {
            // mcp-atlassian names each upload by the file's base name, which is the stored name.
            if (uploaded.Remove(Path.GetFileName(stored))) attached.Add(name);
            else failed.Add(new UnattachedFile(name, NotAccepted));
        }

        return (attached, failed);
    }

    private async Task<(List<string> Attached, List<UnattachedFile> Failed)> UploadBase64Async(
        string issueKey, List<(string Name, string StoredPath)> uploads, EvidenceOptions settings, Base64Tool tool, CancellationToken cancellationToken)
    {
        var attached = new List<string>();
        var failed = new List<UnattachedFile>();
        foreach (var (name, stored) in uploads)
        {
            var arguments = new Dictionary<string, object?>
            {
                ["issue_key"] = issueKey,
                [tool.ContentArgument] = Convert.ToBase64String(await File.ReadAllBytesAsync(settings.LocalPath(stored), cancellationToken)),
            };
            if (tool.NameArgument is { } nameArgument) arguments[nameArgument] = Path.GetFileName(stored);
            var result = await CallToolAsync("attach_evidence", tool.Name, arguments, cancellationToken);
            var refused = result.IsError == true || (TryParse(ResultText(result))?["success"] is JsonValue ok && ok.TryGetValue<bool>(out var success) && !success);
            if (refused) failed.Add(new UnattachedFile(name, NotAccepted));
            else attached.Add(name);
        }

        return (attached, failed);
    }

    /// <summary>
    /// A Jira tool that takes the file's bytes: an attachment tool with an issue_key and a *base64 argument
    /// (mcp-atlassian's later Confluence upload has content_base64; a Jira one would follow it).
    /// </summary>
    private Base64Tool? Base64UploadTool()
    {
        foreach (var (name, schema) in _toolSchemas ?? new Dictionary<string, JsonElement>())
        {
            if (!name.StartsWith("jira_", StringComparison.Ordinal) || !name.Contains("attachment", StringComparison.Ordinal)
                || schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties)
                || properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty("issue_key", out _))
            {
                continue;
            }

            var names = properties.EnumerateObject().Select(p => p.Name).ToList();
            if (names.FirstOrDefault(n => n.Contains("base64", StringComparison.OrdinalIgnoreCase)) is { } content)
            {
                return new Base64Tool(name, content, names.FirstOrDefault(n => n is "filename" or "file_name" or "name"));
            }
        }

        return null;
    }

    private string? WriteTranscript(EvidenceOptions settings, TicketDraft draft, TicketEvidence evidence)
    {
        var stored = $"{draft.Id}/{EvidenceOptions.TranscriptFileName}";
        try
        {
            var path = settings.LocalPath(stored);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, TranscriptText.Render(evidence, draft.OriginalProblem), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return stored;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogEvidenceFailed(logger, draft.Id, ex.Message);
            return null;
        }
    }

    /// <summary>Removes a stored file and its own directory once empty.</summary>
    internal static void Remove(string path)
    {
        try
        {
            File.Delete(path);
            var directory = Path.GetDirectoryName(path);
            if (directory is not null && Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
            {
                Directory.Delete(directory);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the sweep: a file that cannot be removed now must not fail the ticket.
        }
    }

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Base64Tool(string Name, string ContentArgument, string? NameArgument);

    [LoggerMessage(30, LogLevel.Information, "Evidence on {IssueKey}: {Attached} attached, {Failed} not attached")]
    private static partial void LogEvidenceAttached(ILogger logger, string issueKey, int attached, int failed);

    [LoggerMessage(31, LogLevel.Warning, "Evidence upload for {IssueKey} failed: {Detail}")]
    private static partial void LogEvidenceFailed(ILogger logger, string issueKey, string detail);

    [LoggerMessage(32, LogLevel.Warning, "The ticket system refused attachment {FileName}: {Error}")]
    private static partial void LogUploadRefused(ILogger logger, string fileName, string error);

    [LoggerMessage(33, LogLevel.Information, "Evidence file {StoredPath} for {IssueKey} is gone (uploaded by an earlier attempt); skipped")]
    private static partial void LogEvidenceGone(ILogger logger, string storedPath, string issueKey);
}
