using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace TeamsItBot.LocalTracker;

/// <summary>
/// jira_update_issue as mcp-atlassian 0.23.1 does it for attachments: paths on the tracker's own disk,
/// resolved against its upload directory and confined to it ("Path traversal detected" otherwise), each
/// file's fate in issue.attachment_results, and success even when uploads fail.
/// </summary>
internal sealed partial class LocalTrackerTools
{
    private static readonly string[] UpdateOptional = ["additional_fields", "components", "attachments", "return_fields"];

    private async Task<CallToolResult> UpdateAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        if (arguments.Problem(["issue_key", "fields"], UpdateOptional) is { } problem
            && !(problem.StartsWith("Argument 'fields'", StringComparison.Ordinal) && arguments.String("fields") is not null))
        {
            return Error($"Error calling tool 'update_issue': {problem}");
        }

        var key = arguments.String("issue_key")!.Trim();
        if (!IsJsonObject(arguments.String("fields")))
        {
            return Error($"Error calling tool 'update_issue': Failed to update issue {key}: Failed to update issue {key}: fields is not valid JSON");
        }

        var issue = await store.GetAsync(key, cancellationToken);
        if (issue is null)
        {
            return Error($"Error calling tool 'update_issue': Failed to update issue {key}: Failed to update issue {key}: Issue Does Not Exist");
        }

        var paths = ReadPaths(arguments.String("attachments"), out var pathProblem);
        if (pathProblem is not null)
        {
            return Error($"Error calling tool 'update_issue': {pathProblem}");
        }

        var json = LocalIssueJson.ToJson(issue, BaseUrl());
        json.Remove("browse_url");
        if (paths.Count > 0)
        {
            json["attachment_results"] = await UploadAsync(issue, paths, cancellationToken);
        }

        return Success(new JsonObject { ["message"] = "Issue updated successfully", ["issue"] = json });
    }

    private async Task<JsonObject> UploadAsync(LocalIssue issue, List<string> paths, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(options.Value.AttachmentDirectory);
        var uploaded = new JsonArray();
        var failed = new JsonArray();
        foreach (var path in paths)
        {
            var name = Path.GetFileName(path.Replace('\\', '/').TrimEnd('/'));
            var full = Path.GetFullPath(Path.Combine(root, path));
            if (!IsInside(full, root) || (File.Exists(full) && new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true) is { } target && !IsInside(target.FullName, root)))
            {
                failed.Add(new JsonObject { ["filename"] = name, ["error"] = $"Path traversal detected: {path}" });
                continue;
            }

            if (!File.Exists(full))
            {
                failed.Add(new JsonObject { ["filename"] = name, ["error"] = $"File not found: {full}" });
                continue;
            }

            var content = await File.ReadAllBytesAsync(full, cancellationToken);
            var stored = await store.AddAttachmentAsync(issue.Id, name, AttachmentContentTypes.Detect(content), content, cancellationToken);
            LogAttached(logger, issue.Key, stored.FileName, stored.Size);
            uploaded.Add(new JsonObject { ["filename"] = name, ["size"] = stored.Size, ["id"] = null });
        }

        return new JsonObject
        {
            ["success"] = true,
            ["issue_key"] = issue.Key,
            ["total"] = paths.Count,
            ["uploaded"] = uploaded,
            ["failed"] = failed,
        };
    }

    private static bool IsInside(string full, string root) =>
        full.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>A JSON array string, or a comma-separated list; other JSON is an error, as in 0.23.1.</summary>
    private static List<string> ReadPaths(string? attachments, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(attachments)) return [];
        var trimmed = attachments.Trim();
        if (trimmed.StartsWith('[') || trimmed.StartsWith('{') || trimmed.StartsWith('"'))
        {
            try
            {
                if (JsonNode.Parse(trimmed) is JsonArray array && array.All(i => i is JsonValue v && v.TryGetValue<string>(out _)))
                {
                    return [.. array.Select(i => i!.GetValue<string>()).Where(p => p.Length > 0)];
                }
            }
            catch (JsonException)
            {
            }

            problem = "Invalid JSON in attachments";
            return [];
        }

        return [.. trimmed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    private static bool IsJsonObject(string? text)
    {
        try
        {
            return text is not null && JsonNode.Parse(text) is JsonObject;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [LoggerMessage(44, LogLevel.Information, "Local tracker attached {FileName} ({Size} bytes) to {IssueKey}")]
    private static partial void LogAttached(ILogger logger, string issueKey, string fileName, long size);
}
