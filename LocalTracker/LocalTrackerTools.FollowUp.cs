using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace TeamsItBot.LocalTracker;

/// <summary>jira_add_comment, jira_get_transitions and jira_transition_issue as mcp-atlassian 0.23.1 serves them.</summary>
internal sealed partial class LocalTrackerTools
{
    /// <summary>The display name of the account the bot "signs in" as, like the Jira API user.</summary>
    public const string ApiUserName = "IT Bot";

    private async Task<CallToolResult> AddCommentAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        if (arguments.Problem(["issue_key", "body"], ["visibility", "public"]) is { } problem)
        {
            return Error($"Error calling tool 'add_comment': {problem}");
        }

        var comment = await store.AddCommentAsync(arguments.String("issue_key")!.Trim(), ApiUserName, arguments.String("body")!, cancellationToken);
        return comment is null
            ? Error("Error calling tool 'add_comment': Error adding comment: Issue Does Not Exist")
            : Success(LocalCommentJson.Added(comment));
    }

    private async Task<CallToolResult> GetTransitionsAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        if (arguments.Problem(["issue_key"], []) is { } problem)
        {
            return Error($"Error calling tool 'get_transitions': {problem}");
        }

        var issue = await store.GetAsync(arguments.String("issue_key")!.Trim(), cancellationToken);
        if (issue is null) return Error($"Error calling tool 'get_transitions': Issue {arguments.String("issue_key")} not found.");

        // 0.23.1's real output: numeric ids and names only, no target status.
        var list = new JsonArray([.. LocalWorkflow.From(issue.Status).Select(t => (JsonNode)new JsonObject { ["id"] = t.Id, ["name"] = t.Name })]);
        var text = list.ToJsonString();
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = text }],
            StructuredContent = JsonSerializer.SerializeToElement(new JsonObject { ["result"] = text }),
            IsError = false,
        };
    }

    private async Task<CallToolResult> TransitionAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        if (arguments.Problem(["issue_key", "transition_id"], ["fields", "comment"]) is { } problem)
        {
            return Error($"Error calling tool 'transition_issue': {problem}");
        }

        var key = arguments.String("issue_key")!.Trim();
        var raw = arguments.String("transition_id")!.Trim();
        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            // 0.23.1 sends a non-numeric id to Jira as it is, and Jira refuses it.
            return Error($"Error calling tool 'transition_issue': Error transitioning issue {key} with transition ID {raw}: Transition id '{raw}' is not valid for this issue.");
        }

        var moved = await store.TransitionAsync(key, id, ApiUserName, arguments.String("comment"), cancellationToken);
        if (moved is null) return Error($"Error calling tool 'transition_issue': Issue {key} not found.");
        if (moved == false)
        {
            return Error($"Error calling tool 'transition_issue': Error transitioning issue {key} with transition ID {raw}: Transition id '{raw}' is not valid for this issue.");
        }

        var issue = (await store.GetAsync(key, cancellationToken))!;
        var json = LocalIssueJson.ToJson(issue, BaseUrl());
        json.Remove("url");
        json["comments"] = new JsonArray([.. (await store.CommentsAsync(issue.Id, 10, cancellationToken)).Select(c => (JsonNode)LocalCommentJson.InIssue(c))]);
        return Success(new JsonObject { ["message"] = $"Issue {key} transitioned successfully", ["issue"] = json });
    }
}
