using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace TeamsItBot.Tests.Testing;

/// <summary>
/// jira_update_issue with attachments as mcp-atlassian 0.23.1 does it: paths on the server's own disk,
/// resolved against its working directory (/app in the image, <see cref="WorkingDirectory"/> here, backed
/// by <see cref="WorkingDirectoryOnDisk"/>: the shared volume), anything outside it failing with
/// "Path traversal detected", each file's result in issue.attachment_results, success true regardless.
/// </summary>
public sealed partial class McpAtlassianDouble
{
    /// <summary>The server's working directory as its paths read (mcp-atlassian's Docker WORKDIR).</summary>
    public const string WorkingDirectory = "/app";

    private readonly ConcurrentDictionary<string, ConcurrentQueue<(string FileName, byte[] Content)>> _attachments = new();

    /// <summary>Where <see cref="WorkingDirectory"/> lives on this machine; null: every path is "File not found".</summary>
    public string? WorkingDirectoryOnDisk { get; set; }

    /// <summary>When set, every upload fails with this error (Jira refused the file), yet the call succeeds, as in 0.23.1.</summary>
    public string? FailUploadsWith { get; set; }

    /// <summary>Offer a later release's base64 upload tool (jira_upload_attachment: issue_key, filename, content_base64).</summary>
    public bool OfferBase64Upload { get; set; }

    /// <summary>The files attached to <paramref name="key"/>, in upload order.</summary>
    public IReadOnlyList<(string FileName, byte[] Content)> Attachments(string key) =>
        _attachments.TryGetValue(key, out var files) ? [.. files] : [];

    private static Tool Base64Tool { get; } =
        new()
        {
            Name = "jira_upload_attachment",
            Description = "Upload a file to an issue (not in 0.23.1: stands for a later release's base64 upload).",
            InputSchema = JsonSerializer.Deserialize<JsonElement>("""{"type":"object","properties":{"issue_key":{"type":"string"},"filename":{"type":"string"},"content_base64":{"type":"string"}},"required":["issue_key","filename","content_base64"]}"""),
        };

    private CallToolResult UpdateIssue(IDictionary<string, JsonElement> arguments)
    {
        string? Arg(string name) => arguments.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var key = Arg("issue_key");
        if (key is null || Arg("fields") is not { } fields)
        {
            return Error($"Error calling tool 'update_issue': 1 validation error for call[update_issue]\n{(key is null ? "issue_key" : "fields")}\n  Field required");
        }

        try
        {
            if (JsonNode.Parse(fields) is not JsonObject) throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            return Error($"Error calling tool 'update_issue': fields is not valid JSON");
        }

        if (!_issues.TryGetValue(key, out var issue))
        {
            return Error($"Error calling tool 'update_issue': Failed to update issue {key}: Failed to update issue {key}: Issue Does Not Exist");
        }

        var result = (JsonObject)issue.DeepClone();
        if (Arg("attachments") is { Length: > 0 } attachments)
        {
            List<string> paths;
            if (attachments.TrimStart().StartsWith('['))
            {
                try
                {
                    paths = [.. JsonNode.Parse(attachments)!.AsArray().Select(p => p!.GetValue<string>())];
                }
                catch (Exception ex) when (ex is JsonException or InvalidOperationException)
                {
                    return Error("Error calling tool 'update_issue': Invalid JSON in attachments");
                }
            }
            else
            {
                paths = [.. attachments.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            }

            result["attachment_results"] = Upload(key, paths);
        }

        return Success(new JsonObject { ["message"] = "Issue updated successfully", ["issue"] = result });
    }

    private JsonObject Upload(string key, List<string> paths)
    {
        var uploaded = new JsonArray();
        var failed = new JsonArray();
        foreach (var path in paths)
        {
            var name = path.Split('/', '\\')[^1];
            // validate_safe_path: resolved against the working directory and confined to it.
            var resolved = System.IO.Path.GetFullPath(path.StartsWith('/') ? path : $"{WorkingDirectory}/{path}", "/");
            if (!resolved.StartsWith(WorkingDirectory + "/", StringComparison.Ordinal))
            {
                failed.Add(new JsonObject { ["filename"] = name, ["error"] = $"Path traversal detected: {path}" });
                continue;
            }

            var onDisk = WorkingDirectoryOnDisk is null ? null : System.IO.Path.Combine(WorkingDirectoryOnDisk, resolved[(WorkingDirectory.Length + 1)..]);
            if (onDisk is null || !File.Exists(onDisk))
            {
                failed.Add(new JsonObject { ["filename"] = name, ["error"] = $"File not found: {resolved}" });
                continue;
            }

            if (FailUploadsWith is { } error)
            {
                failed.Add(new JsonObject { ["filename"] = name, ["error"] = error });
                continue;
            }

            var content = File.ReadAllBytes(onDisk);
            _attachments.GetOrAdd(key, _ => new()).Enqueue((name, content));
            uploaded.Add(new JsonObject { ["filename"] = name, ["size"] = content.Length, ["id"] = null });
        }

        return new JsonObject { ["success"] = true, ["issue_key"] = key, ["total"] = paths.Count, ["uploaded"] = uploaded, ["failed"] = failed };
    }

    private CallToolResult UploadBase64(IDictionary<string, JsonElement> arguments)
    {
        string? Arg(string name) => arguments.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (Arg("issue_key") is not { } key || !_issues.ContainsKey(key) || Arg("filename") is not { } name || Arg("content_base64") is not { } content)
        {
            return Error("Error calling tool 'upload_attachment': issue_key, filename and content_base64 are required");
        }

        var bytes = Convert.FromBase64String(content);
        _attachments.GetOrAdd(key, _ => new()).Enqueue((name, bytes));
        return Success(new JsonObject { ["success"] = true, ["issue_key"] = key, ["filename"] = name, ["size"] = bytes.Length });
    }
}
