using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace TeamsItBot.Tickets;

/// <summary>
/// Creates Jira issues through an MCP server (mcp-atlassian or the local tracker) with the
/// official MCP client. One session is shared by all tickets: initialized lazily once, and
/// re-initialized once when the server reports it expired (HTTP 404).
/// </summary>
public sealed partial class McpJiraTicketService(
    IOptions<TicketOptions> options,
    IOptions<Evidence.EvidenceOptions> evidenceOptions,
    TicketBackendEndpoints endpoints,
    IHttpClientFactory httpClientFactory,
    ILoggerFactory loggerFactory,
    ILogger<McpJiraTicketService> logger) : ITicketService, IAsyncDisposable
{
    public const string HttpClientName = "mcp-atlassian";
    public const string CreateIssueTool = "jira_create_issue";
    public const string SearchTool = "jira_search";

    /// <summary>The MCP revision the bot pins (see <see cref="McpClientFactory"/>).</summary>
    public const string ProtocolVersion = McpClientFactory.ProtocolVersion;

    /// <summary>What the bot calls; a server without them is misconfigured.</summary>
    public static readonly IReadOnlyList<string> RequiredTools = [CreateIssueTool, SearchTool];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private McpClient? _client;

    // The tools of the current session's server (listed once per session: a restarted server may differ).
    private volatile IReadOnlySet<string>? _offeredTools;

    // Their input schemas, to find a base64 upload a later server may offer.
    private volatile IReadOnlyDictionary<string, JsonElement>? _toolSchemas;

    public async Task<TicketResult> CreateTicketAsync(TicketDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var reporter = await ResolveReporterAsync(draft.ReporterEmail, cancellationToken);
        var arguments = TicketArguments.Build(draft, options.Value, reporter);
        var result = await RunAsync(
            "create_issue",
            async (client, token) =>
            {
                RequireOffered(CreateIssueTool);
                return await client.CallToolAsync(CreateIssueTool, arguments, cancellationToken: token);
            },
            cancellationToken);
        if (reporter is not null && result.IsError == true)
        {
            // A refused create made nothing, so filing again as the bot cannot duplicate the ticket.
            LogReporterRefused(logger, string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text)));
            arguments = TicketArguments.Build(draft, options.Value, reporter: null);
            result = await RunAsync(
                "create_issue",
                async (client, token) => await client.CallToolAsync(CreateIssueTool, arguments, cancellationToken: token),
                cancellationToken);
        }

        var backend = endpoints.Resolve();
        if (ReadResult(result, backend) is { } ticket)
        {
            LogTicketCreated(logger, ticket.Key, draft.Id);
            return ticket;
        }

        // A success the bot cannot read still made the issue: find it by the draft's label rather
        // than tell the user it failed (and invite a second click that would file another).
        if (await FindByDraftAsync(draft.Id, cancellationToken) is { } found)
        {
            return found;
        }

        // Not searchable yet (Jira indexes with a delay): like a lost answer, the outbox retries, and
        // every retry searches before it creates, so this never becomes a second issue.
        throw new TicketException(TicketFailure.Timeout, $"jira_create_issue succeeded without a readable issue key and no issue carries the draft's label yet: {Shorten(ResultText(result))}");
    }

    /// <summary>
    /// The tools the bot needs that the server does not offer (empty when all are there), from the
    /// session's tools/list. mcp-atlassian hides tools with READ_ONLY_MODE, ENABLED_TOOLS and TOOLSETS.
    /// </summary>
    /// <exception cref="TicketException">The backend cannot be reached or answered wrongly.</exception>
    public Task<IReadOnlyList<string>> FindMissingToolsAsync(CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<string>>("list_tools", (_, _) => Task.FromResult(MissingTools()), cancellationToken);

    public async Task<TicketResult?> FindByDraftAsync(string draftId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(draftId);
        var arguments = TicketArguments.FindByDraft(draftId, options.Value);
        var result = await RunAsync(
            "search_by_draft",
            async (client, token) =>
            {
                RequireOffered(SearchTool);
                return await client.CallToolAsync(SearchTool, arguments, cancellationToken: token);
            },
            cancellationToken);

        var backend = endpoints.Resolve();
        var text = ResultText(result);
        if (result.IsError == true)
        {
            // A search Jira refuses says nothing about whether the ticket exists: never guess "no".
            throw Report(TicketFailure.ProtocolError, "search_by_draft", backend.McpEndpoint.ToString(),
                new InvalidDataException($"{SearchTool} failed: {Shorten(text)}"));
        }

        var key = ReadFirstIssueKey(result);
        if (key is null)
        {
            return null;
        }

        LogFoundExisting(logger, key, draftId);
        return new TicketResult(key, BrowseUrl(backend, key));
    }

    /// <summary>MCP ping over the shared session, for readiness checks.</summary>
    /// <exception cref="TicketException">The backend cannot be reached or answered wrongly.</exception>
    public Task PingAsync(CancellationToken cancellationToken) =>
        RunAsync("ping", async (client, token) => await client.PingAsync(cancellationToken: token), cancellationToken);

    /// <summary>Ends the shared session (a later call starts a new one).</summary>
    public async Task CloseSessionAsync()
    {
        if (Interlocked.Exchange(ref _client, null) is { } client)
        {
            await DisposeQuietlyAsync(client);
        }
    }

    /// <summary>Any Jira tool over the shared session, with the same deadline, retry on expiry, failures and metrics.</summary>
    /// <exception cref="TicketException">The backend cannot be reached, timed out or answered wrongly.</exception>
    internal Task<CallToolResult> CallToolAsync(string operation, string tool, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken) =>
        RunAsync(operation, async (client, token) => await client.CallToolAsync(tool, arguments, cancellationToken: token), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        var client = Interlocked.Exchange(ref _client, null);
        if (client is not null) await DisposeQuietlyAsync(client);
        _gate.Dispose();
    }

    /// <summary>Runs one MCP operation under the timeout, re-initializing once on an expired session.</summary>
    /// <summary>One backend call with its span and metrics (operation, outcome, duration).</summary>
    private async Task<T> RunAsync<T>(string operation, Func<McpClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var span = TicketTelemetry.StartCall(operation);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var outcome = "ok";
        try
        {
            return await CallAsync(operation, call, cancellationToken);
        }
        catch (TicketException ex)
        {
            outcome = ex.Failure.ToString();
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, outcome);
            throw;
        }
        catch (OperationCanceledException)
        {
            outcome = "cancelled";
            throw;
        }
        finally
        {
            TicketTelemetry.RecordCall(operation, outcome, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task<T> CallAsync<T>(string operation, Func<McpClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var timeout = options.Value.Timeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var endpoint = "(unresolved)";
        try
        {
            endpoint = endpoints.Resolve().McpEndpoint.ToString();
            var client = await GetClientAsync(deadline.Token);
            try
            {
                return await call(client, deadline.Token);
            }
            catch (Exception ex) when (McpFailures.IsSessionExpired(ex))
            {
                LogSessionExpired(logger, endpoint);
                await ForgetAsync(client);
                client = await GetClientAsync(deadline.Token);
                return await call(client, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TicketException)
        {
            throw;
        }
        catch (Exception ex)
        {
            var failure = McpFailures.Classify(ex, deadline.IsCancellationRequested);
            throw Report(failure, operation, endpoint, ex);
        }
    }

    private async Task<McpClient> GetClientAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _client) is { } existing) return existing;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_client is not null) return _client;
            var backend = endpoints.Resolve();
            var client = await McpClientFactory.ConnectAsync(
                new McpConnection(backend.McpEndpoint, backend.IsLocalTracker ? "local-tracker" : "mcp-atlassian", options.Value.Timeout),
                httpClientFactory.CreateClient(HttpClientName),
                loggerFactory,
                cancellationToken,
                [CreateIssueTool, SearchTool, UserProfileTool, UpdateIssueTool, .. FollowUp.FollowUpTools.All]);
            LogSessionStarted(logger, backend.McpEndpoint.ToString(), client.SessionId, client.NegotiatedProtocolVersion);
            try
            {
                var tools = await client.ListToolsAsync(cancellationToken: cancellationToken);
                _offeredTools = tools.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
                _toolSchemas = tools.GroupBy(t => t.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().ProtocolTool.InputSchema, StringComparer.Ordinal);
            }
            catch
            {
                await DisposeQuietlyAsync(client);
                throw;
            }

            if (MissingTools() is { Count: > 0 } missing)
            {
                LogToolsMissing(logger, backend.McpEndpoint.ToString(), string.Join(", ", missing));
            }

            Volatile.Write(ref _client, client);
            return client;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ForgetAsync(McpClient stale)
    {
        if (Interlocked.CompareExchange(ref _client, null, stale) == stale)
        {
            await DisposeQuietlyAsync(stale);
        }
    }

    private static async Task DisposeQuietlyAsync(McpClient client)
    {
        try
        {
            await client.DisposeAsync();
        }
#pragma warning disable CA1031 // Closing a session the server already forgot must not fail the ticket.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>The ticket of a create result; null when the server succeeded without a readable key.</summary>
    private TicketResult? ReadResult(CallToolResult result, TicketBackend backend)
    {
        var text = ResultText(result);
        if (result.IsError == true)
        {
            if (text.StartsWith("Unknown tool", StringComparison.OrdinalIgnoreCase))
            {
                // The server's own answer for a hidden tool (see RequireOffered), not Jira's.
                LogToolsMissing(logger, backend.McpEndpoint.ToString(), CreateIssueTool);
                throw new TicketException(TicketFailure.NotConfigured, $"The MCP server at {backend.McpEndpoint} refused {CreateIssueTool}: {Shorten(text)}");
            }

            LogRejected(logger, options.Value.ProjectKey, text);
            throw new TicketException(TicketFailure.Rejected, $"Jira rejected the issue: {text}") { BackendMessage = text };
        }

        string? key = null;
        try
        {
            using var json = JsonDocument.Parse(result.Content.OfType<TextContentBlock>().FirstOrDefault()?.Text ?? string.Empty);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("issue", out var issue)
                && issue.ValueKind == JsonValueKind.Object && issue.TryGetProperty("key", out var keyElement)
                && keyElement.ValueKind == JsonValueKind.String)
            {
                key = keyElement.GetString();
            }
        }
        catch (JsonException)
        {
        }

        if (key is null || !TicketArguments.IssueKeyPattern().IsMatch(key))
        {
            LogUnreadableSuccess(logger, backend.McpEndpoint.ToString(), Shorten(text));
            return null;
        }

        return new TicketResult(key, BrowseUrl(backend, key));
    }

    private static string ResultText(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text));

    private IReadOnlyList<string> MissingTools() =>
        _offeredTools is { } offered ? [.. RequiredTools.Where(t => !offered.Contains(t))] : [];

    /// <summary>Refuses before calling a tool the server does not list: a configuration error, said plainly.</summary>
    private void RequireOffered(string tool)
    {
        if (_offeredTools is { } offered && !offered.Contains(tool))
        {
            throw new TicketException(TicketFailure.NotConfigured,
                $"The MCP server at {endpoints.Resolve().McpEndpoint} does not offer {tool} (mcp-atlassian: READ_ONLY_MODE, ENABLED_TOOLS or TOOLSETS hide it)");
        }
    }

    private static Uri BrowseUrl(TicketBackend backend, string key) => new($"{backend.BrowseBase.ToString().TrimEnd('/')}/browse/{key}");

    private static string Shorten(string text) => text.Length > 300 ? text[..300] : text;

    /// <summary>The first issue key of a jira_search result (<c>{"issues":[{"key":...}]}</c>); null when none.</summary>
    private string? ReadFirstIssueKey(CallToolResult result)
    {
        var text = result.Content.OfType<TextContentBlock>().FirstOrDefault()?.Text ?? string.Empty;
        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("issues", out var issues)
                && issues.ValueKind == JsonValueKind.Array)
            {
                foreach (var issue in issues.EnumerateArray())
                {
                    if (issue.ValueKind == JsonValueKind.Object && issue.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.String
                        && key.GetString() is { } value && TicketArguments.IssueKeyPattern().IsMatch(value))
                    {
                        return value;
                    }
                }

                return null;
            }
        }
        catch (JsonException)
        {
        }

        var backend = endpoints.Resolve();
        throw Report(TicketFailure.ProtocolError, "search_by_draft", backend.McpEndpoint.ToString(),
            new InvalidDataException($"{SearchTool} returned no readable issue list: {Shorten(text)}"));
    }

    private TicketException Report(TicketFailure failure, string operation, string endpoint, Exception exception)
    {
        var detail = McpFailures.Describe(exception);
        switch (failure)
        {
            case TicketFailure.BackendUnavailable:
                LogUnavailable(logger, operation, endpoint, detail);
                break;
            case TicketFailure.AuthenticationFailed:
                LogAuthenticationFailed(logger, operation, endpoint, options.Value.CredentialKind, detail);
                break;
            case TicketFailure.Timeout:
                LogTimeout(logger, operation, endpoint, options.Value.TimeoutSeconds);
                break;
            default:
                LogProtocolError(logger, operation, endpoint, detail, exception);
                break;
        }

        return new TicketException(failure, $"{operation} at {endpoint} failed ({failure}): {detail}", exception);
    }

    [LoggerMessage(1, LogLevel.Information, "MCP session started with {Endpoint}: session {SessionId}, protocol {ProtocolVersion}")]
    private static partial void LogSessionStarted(ILogger logger, string endpoint, string? sessionId, string? protocolVersion);

    [LoggerMessage(2, LogLevel.Information, "MCP session at {Endpoint} expired (404); re-initializing once")]
    private static partial void LogSessionExpired(ILogger logger, string endpoint);

    [LoggerMessage(3, LogLevel.Information, "Created ticket {IssueKey} for draft {DraftId}")]
    private static partial void LogTicketCreated(ILogger logger, string issueKey, string draftId);

    [LoggerMessage(9, LogLevel.Information, "Found ticket {IssueKey} already made for draft {DraftId}; not creating another")]
    private static partial void LogFoundExisting(ILogger logger, string issueKey, string draftId);

    [LoggerMessage(4, LogLevel.Warning, "Jira rejected the issue for project {ProjectKey}: {JiraMessage}")]
    private static partial void LogRejected(ILogger logger, string projectKey, string jiraMessage);

    [LoggerMessage(5, LogLevel.Error, "Ticket backend unreachable: {Operation} at {Endpoint}: {Detail} (is the MCP server running and MCP_ATLASSIAN_URL right?)")]
    private static partial void LogUnavailable(ILogger logger, string operation, string endpoint, string detail);

    [LoggerMessage(6, LogLevel.Error, "Ticket backend refused credentials: {Operation} at {Endpoint} with {CredentialKind} credentials: {Detail} (check JIRA_USERNAME/JIRA_API_TOKEN or JIRA_PERSONAL_TOKEN)")]
    private static partial void LogAuthenticationFailed(ILogger logger, string operation, string endpoint, string credentialKind, string detail);

    [LoggerMessage(7, LogLevel.Warning, "Ticket backend timed out: {Operation} at {Endpoint} after {TimeoutSeconds} s (Tickets:TimeoutSeconds)")]
    private static partial void LogTimeout(ILogger logger, string operation, string endpoint, int timeoutSeconds);

    [LoggerMessage(10, LogLevel.Error, "Ticket backend configuration error: the MCP server at {Endpoint} does not offer {Tools}, so tickets cannot be created or found (mcp-atlassian: unset READ_ONLY_MODE, and include them in ENABLED_TOOLS/TOOLSETS)")]
    private static partial void LogToolsMissing(ILogger logger, string endpoint, string tools);

    [LoggerMessage(11, LogLevel.Warning, "jira_create_issue at {Endpoint} succeeded but its text has no readable issue key; searching by the draft's label. Text: {Text}")]
    private static partial void LogUnreadableSuccess(ILogger logger, string endpoint, string text);

    [LoggerMessage(8, LogLevel.Error, "MCP protocol failure: {Operation} at {Endpoint}: {Detail}")]
    private static partial void LogProtocolError(ILogger logger, string operation, string endpoint, string detail, Exception exception);
}
