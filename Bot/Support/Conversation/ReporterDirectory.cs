using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using TeamsItBot.Framework.Connector;
using TeamsItBot.Framework.Hosting;

namespace TeamsItBot.Support.Conversation;

/// <summary>
/// The reporter's e-mail (or UPN) as Teams knows it, from GET v3/conversations/{id}/members/{userId}, so the
/// ticket can be filed as the employee. Answers are cached for <see cref="Expiry"/> (misses too, for less),
/// and a lookup that fails or takes too long yields null: a ticket is never held up by it. Without a
/// connector (an adapter that talks to no Bot Connector) there is nothing to ask.
/// </summary>
public sealed partial class ReporterDirectory(TimeProvider clock, ILogger<ReporterDirectory> logger, IConnectorClientFactory? connectors = null)
{
    public static readonly TimeSpan Expiry = TimeSpan.FromHours(1);
    private static readonly TimeSpan MissExpiry = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (string? Email, DateTimeOffset Expires)> _cache = new(StringComparer.Ordinal);

    public async Task<string?> FindEmailAsync(ITurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var activity = context.Activity;
        if (connectors is null || activity.ServiceUrl is not { Length: > 0 } serviceUrl || activity.Conversation?.Id is not { Length: > 0 } conversationId
            || activity.From?.Id is not { Length: > 0 } userId)
        {
            return null;
        }

        var key = $"{activity.From.AadObjectId ?? userId}\n{conversationId}";
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(key, out var cached) && cached.Expires > now)
        {
            return cached.Email;
        }

        string? email;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            var member = await connectors.Create(serviceUrl).GetConversationMemberAsync(conversationId, userId, deadline.Token);
            email = Read(member?.Properties, "email") ?? Read(member?.Properties, "userPrincipalName");
        }
        catch (Exception ex) when (ex is ConnectorException or HttpRequestException or UntrustedServiceUrlException
                                       || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogLookupFailed(ex.GetType().Name);
            return null;
        }

        if (_cache.Count >= MaxEntries)
        {
            _cache.Clear();
        }

        _cache[key] = (email, now + (email is null ? MissExpiry : Expiry));
        return email;
    }

    private static string? Read(IDictionary<string, JsonElement>? properties, string name)
    {
        if (properties is null) return null;
        foreach (var (key, value) in properties)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase) && value.ValueKind == JsonValueKind.String
                && value.GetString() is { } text && text.Contains('@', StringComparison.Ordinal) && text.Trim().Length <= 320)
            {
                return text.Trim();
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look up the reporter's e-mail at the connector ({Error}); the ticket is filed as the bot")]
    private partial void LogLookupFailed(string error);
}
