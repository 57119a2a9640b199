using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace TeamsItBot.McpAtlassianContract;

/// <summary>
/// How mcp-atlassian 0.23.1 answers a tools/call: a success is one text holding
/// <c>json.dumps(obj, indent=2, ensure_ascii=False)</c> plus FastMCP's <c>structuredContent
/// {"result": text}</c>; every failure inside a tool is <c>isError</c> with
/// <c>Error calling tool '&lt;function&gt;': &lt;detail&gt;</c>, the function named without the
/// <c>jira_</c> prefix; a hidden or unknown tool is <c>Unknown tool: &lt;name&gt;</c>.
/// </summary>
public static class McpAtlassianResults
{
    /// <summary>Pretty-printed like Python's indent=2; non-ASCII left as it is (ensure_ascii=False).</summary>
    private static readonly JsonSerializerOptions Text = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static CallToolResult Success(JsonNode body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return SuccessText(body.ToJsonString(Text));
    }

    /// <summary>A success whose text is given as it is (e.g. a server answering with something that is not JSON).</summary>
    public static CallToolResult SuccessText(string text) => new()
    {
        Content = [new TextContentBlock { Text = text }],
        StructuredContent = JsonSerializer.SerializeToElement(new JsonObject { ["result"] = text }),
        IsError = false,
    };

    /// <summary>An isError result with <paramref name="text"/> as it is (Jira's own refusal, a test's chosen text).</summary>
    public static CallToolResult Error(string text) => new() { Content = [new TextContentBlock { Text = text }], IsError = true };

    /// <summary>A failure inside <paramref name="tool"/> (handle_tool_errors).</summary>
    public static CallToolResult ToolError(string tool, string detail) => Error(ToolErrorText(tool, detail));

    public static string ToolErrorText(string tool, string detail) => $"Error calling tool '{FunctionName(tool)}': {detail}";

    /// <summary>A required argument missing, as pydantic words it.</summary>
    public static CallToolResult FieldRequired(string tool, string argument) => ValidationError(tool, argument, "Field required");

    /// <summary>An argument of the wrong JSON type for a string field.</summary>
    public static CallToolResult NotAString(string tool, string argument) => ValidationError(tool, argument, "Input should be a valid string");

    public static CallToolResult UnknownTool(string? name) => Error($"Unknown tool: {name}");

    /// <summary>The text of a result (its first text block).</summary>
    public static string TextOf(CallToolResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Content.OfType<TextContentBlock>().First().Text;
    }

    /// <summary>jira_create_issue -> create_issue: the Python function's name.</summary>
    public static string FunctionName(string tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return tool.StartsWith("jira_", StringComparison.Ordinal) ? tool["jira_".Length..] : tool;
    }

    private static CallToolResult ValidationError(string tool, string argument, string message)
    {
        var function = FunctionName(tool);
        return ToolError(tool, $"1 validation error for call[{function}]\n{argument}\n  {message}");
    }
}
