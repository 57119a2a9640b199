using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace TeamsItBot.LocalTracker;

/// <summary>
/// jira_create_issue, jira_get_issue and jira_search with mcp-atlassian's argument names, result
/// text shape and error style (a result with isError, never a protocol error, for bad input).
/// </summary>
internal sealed partial class LocalTrackerTools(
    LocalIssueStore store,
    IOptions<LocalTrackerOptions> options,
    IHttpContextAccessor httpContextAccessor,
    ILogger<LocalTrackerTools> logger)
{
    [GeneratedRegex("^[A-Z][A-Z0-9_]+$")]
    private static partial Regex ProjectKeyPattern();

    public static ValueTask<ListToolsResult> ListToolsAsync(RequestContext<ListToolsRequestParams> request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ListToolsResult { Tools = LocalTrackerToolSchemas.All });

    public static async ValueTask<CallToolResult> CallToolAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tools = request.Services!.GetRequiredService<LocalTrackerTools>();
        var name = request.Params?.Name ?? string.Empty;
        var arguments = request.Params?.Arguments ?? new Dictionary<string, JsonElement>();
        return name switch
        {
            "jira_create_issue" => await tools.CreateAsync(new ToolArguments(arguments), cancellationToken),
            "jira_get_issue" => await tools.GetAsync(new ToolArguments(arguments), cancellationToken),
            "jira_search" => await tools.SearchAsync(new ToolArguments(arguments), cancellationToken),
            "jira_add_comment" => await tools.AddCommentAsync(new ToolArguments(arguments), cancellationToken),
            "jira_get_transitions" => await tools.GetTransitionsAsync(new ToolArguments(arguments), cancellationToken),
            "jira_transition_issue" => await tools.TransitionAsync(new ToolArguments(arguments), cancellationToken),
            "jira_update_issue" => await tools.UpdateAsync(new ToolArguments(arguments), cancellationToken),
            _ => Error($"Unknown tool: {name}"),
        };
    }

    private async Task<CallToolResult> CreateAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        if (arguments.Problem(["project_key", "summary", "issue_type"], ["assignee", "description", "components", "additional_fields"]) is { } problem)
        {
            return Error($"Error calling tool 'create_issue': {problem}");
        }

        var project = arguments.String("project_key")!;
        if (!ProjectKeyPattern().IsMatch(project) || !string.Equals(project, options.Value.ProjectKey, StringComparison.Ordinal))
        {
            return Error("Error calling tool 'create_issue': Specify a valid project ID or key");
        }

        string? priority = null;
        var labels = new List<string>();
        if (arguments.String("additional_fields") is { } additional
            && ReadAdditionalFields(additional, ref priority, labels) is { } fieldsProblem)
        {
            return Error($"Error calling tool 'create_issue': {fieldsProblem}");
        }

        var components = (arguments.String("components") ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var issue = await store.CreateAsync(new NewLocalIssue(project, arguments.String("summary")!.Trim(), arguments.String("description"),
            arguments.String("issue_type")!.Trim(), priority, arguments.String("assignee"), labels, components), cancellationToken);
        LogCreated(logger, issue.Key);
        var issueJson = LocalIssueJson.ToJson(issue, BaseUrl());
        issueJson.Remove("browse_url");
        return Success(new JsonObject { ["message"] = "Issue created successfully", ["issue"] = issueJson });
    }

    private async Task<CallToolResult> GetAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        if (arguments.Problem(["issue_key"], ["fields", "expand", "comment_limit", "properties", "update_history", "include"]) is { } problem)
        {
            return Error($"Error calling tool 'get_issue': {problem}");
        }

        var commentLimit = arguments.Integer("comment_limit") ?? 10;
        if (commentLimit is < 0 or > 100) return Error("Error calling tool 'get_issue': comment_limit must be between 0 and 100");
        var issue = await store.GetAsync(arguments.String("issue_key")!.Trim(), cancellationToken);
        if (issue is null)
        {
            return Error($"Error calling tool 'get_issue': Issue {arguments.String("issue_key")} not found. Verify the issue key and project access.");
        }

        var json = LocalIssueJson.ToJson(issue, BaseUrl());
        json.Remove("url");
        var fields = arguments.String("fields");
        var wantsComments = (fields is null || fields.Split(',', StringSplitOptions.TrimEntries).Contains("comment")
            || (arguments.String("include") ?? string.Empty).Split(',', StringSplitOptions.TrimEntries).Contains("comments")) && commentLimit > 0;
        if (wantsComments)
        {
            var comments = await store.CommentsAsync(issue.Id, commentLimit, cancellationToken);
            json["comments"] = new JsonArray([.. comments.Select(c => (JsonNode)LocalCommentJson.InIssue(c))]);
        }

        return Success(json);
    }

    private async Task<CallToolResult> SearchAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        if (arguments.Problem(["jql"], ["fields", "limit", "start_at", "projects_filter", "expand", "page_token"]) is { } problem)
        {
            return Error($"Error calling tool 'search': {problem}");
        }

        var limit = arguments.Integer("limit") ?? 10;
        if (limit is < 1 or > 50) return Error("Error calling tool 'search': limit must be between 1 and 50");
        if (!LocalJql.TryParse(arguments.String("jql")!, out var query, out var jqlError))
        {
            return Error($"Error calling tool 'search': {jqlError}");
        }

        // Pages like Cloud: a next_page_token (the next offset) while more remain.
        var offset = arguments.String("page_token") is { } token && int.TryParse(token, CultureInfo.InvariantCulture, out var at) && at >= 0 ? at
            : arguments.Integer("start_at") ?? 0;
        var issues = await store.SearchAsync(query, limit + 1, offset, cancellationToken);
        var more = issues.Count > limit;
        var baseUrl = BaseUrl();
        var body = new JsonObject
        {
            ["total"] = more ? -1 : offset + issues.Count,
            ["start_at"] = offset,
            ["max_results"] = limit,
            ["issues"] = new JsonArray([.. issues.Take(limit).Select(i => (JsonNode)LocalIssueJson.ToJson(i, baseUrl))]),
        };
        if (more) body["next_page_token"] = (offset + limit).ToString(CultureInfo.InvariantCulture);
        return Success(body);
    }

    private static string? ReadAdditionalFields(string json, ref string? priority, List<string> labels)
    {
        JsonObject? fields;
        try
        {
            fields = JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            fields = null;
        }

        if (fields is null) return "additional_fields must be a JSON object string";
        if (fields["priority"] is { } p)
        {
            priority = p is JsonObject o && o["name"] is JsonValue v && v.TryGetValue<string>(out var name) ? name
                : p is JsonValue s && s.TryGetValue<string>(out var plain) ? plain
                : null;
            if (string.IsNullOrWhiteSpace(priority)) return "priority must be {\"name\": \"...\"}";
        }

        if (fields["labels"] is { } l)
        {
            if (l is not JsonArray array) return "labels must be an array of strings";
            foreach (var item in array)
            {
                if (item is not JsonValue value || !value.TryGetValue<string>(out var label) || label.Length == 0 || label.Any(char.IsWhiteSpace))
                {
                    return "labels must be non-empty strings without spaces";
                }

                labels.Add(label);
            }
        }

        return null;
    }

    private string BaseUrl()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl)) return options.Value.PublicBaseUrl.TrimEnd('/');
        var request = httpContextAccessor.HttpContext?.Request;
        return request is null ? string.Empty : $"{request.Scheme}://{request.Host}{request.PathBase}";
    }

    private static CallToolResult Success(JsonObject body)
    {
        var text = body.ToJsonString();
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = text }],
            StructuredContent = JsonSerializer.SerializeToElement(new JsonObject { ["result"] = text }),
            IsError = false,
        };
    }

    private static CallToolResult Error(string message) => new()
    {
        Content = [new TextContentBlock { Text = message }],
        IsError = true,
    };

    [LoggerMessage(40, LogLevel.Information, "Local tracker created issue {IssueKey}")]
    private static partial void LogCreated(ILogger logger, string issueKey);
}
