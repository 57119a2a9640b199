using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace TeamsItBot.Tickets;

/// <summary>
/// Filing as the employee: the reporter's e-mail is resolved with jira_get_user_profile (cached), and the
/// issue gets additional_fields.reporter in the shape mcp-atlassian 0.23.1 forwards as it is
/// ({"accountId"} on Cloud, {"name"} on Server/DC). Unknown users, a hidden tool or a project that refuses
/// the field all fall back to the bot as reporter; the description's "Reported by" line keeps name and e-mail.
/// </summary>
public sealed partial class McpJiraTicketService
{
    public const string UserProfileTool = "jira_get_user_profile";

    private static readonly TimeSpan ReporterMissExpiry = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, (JsonObject? Reporter, DateTimeOffset Expires)> _reporters = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The reporter field for <paramref name="email"/>, or null to file as the bot.</summary>
    private async Task<JsonObject?> ResolveReporterAsync(string? email, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.SetReporter || settings.UsesLocalTracker || string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        email = email.Trim();
        var now = TimeProvider.System.GetUtcNow();
        if (_reporters.TryGetValue(email, out var cached) && cached.Expires > now)
        {
            return cached.Reporter?.DeepClone().AsObject();
        }

        JsonObject? reporter = null;
        try
        {
            var arguments = new Dictionary<string, object?> { ["user_identifier"] = email };
            var result = await RunAsync("get_user_profile",
                async (client, token) => await client.CallToolAsync(UserProfileTool, arguments, cancellationToken: token), cancellationToken);
            reporter = ReadReporter(result, settings.EffectiveFlavor);
        }
        catch (TicketException ex)
        {
            LogReporterLookupFailed(logger, ex.Failure);
        }

        if (reporter is null)
        {
            LogReporterNotFound(logger);
        }

        _reporters[email] = (reporter, now + (reporter is null ? ReporterMissExpiry : settings.ReporterCacheTime));
        return reporter?.DeepClone().AsObject();
    }

    /// <summary>{"success":true,"user":{"account_id":…,"name":…}}; anything else (success false, isError) is "not found".</summary>
    private static JsonObject? ReadReporter(CallToolResult result, JiraFlavor flavor)
    {
        if (result.IsError == true) return null;
        try
        {
            using var json = JsonDocument.Parse(result.Content.OfType<TextContentBlock>().FirstOrDefault()?.Text ?? string.Empty);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("success", out var success) || success.ValueKind != JsonValueKind.True
                || !root.TryGetProperty("user", out var user) || user.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var (field, property) = flavor == JiraFlavor.Cloud ? ("accountId", "account_id") : ("name", "name");
            return user.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } id
                ? new JsonObject { [field] = id }
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(20, LogLevel.Information, "Reporter not found in Jira (or user lookup unavailable); filing as the bot account")]
    private static partial void LogReporterNotFound(ILogger logger);

    [LoggerMessage(21, LogLevel.Warning, "Reporter lookup failed ({Failure}); filing as the bot account")]
    private static partial void LogReporterLookupFailed(ILogger logger, TicketFailure failure);

    [LoggerMessage(22, LogLevel.Warning, "Jira refused the issue with the employee as reporter ({JiraMessage}); filing again as the bot account")]
    private static partial void LogReporterRefused(ILogger logger, string jiraMessage);
}
