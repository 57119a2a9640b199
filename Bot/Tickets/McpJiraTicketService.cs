using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using TeamsItBot.Operations;

namespace TeamsItBot.Tickets;

/// <summary>
/// Creates Jira issues through an MCP server (mcp-atlassian or the local tracker) with the
/// official MCP client. One session is shared by all tickets: initialized lazily once, and
/// re-initialized once when the server reports it expired (HTTP 404).
/// </summary>
public sealed partial class McpJiraTicketService(
    IOptions<TicketOptions> options,
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

    private readonly SemaphoreSlim _gate = new(1, 1);
    private McpClient? _client;

    public async Task<TicketResult> CreateTicketAsync(TicketDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var reporter = await ResolveReporterAsync(draft.ReporterEmail, cancellationToken);
        var arguments = TicketArguments.Build(draft, options.Value, reporter);
        var result = await RunAsync(
            "create_issue",
            async (client, token) => await client.CallToolAsync(CreateIssueTool, arguments, cancellationToken: token),
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
        var ticket = ReadResult(result, backend);
        LogTicketCreated(logger, ticket.Key, draft.Id);
        return ticket;
    }

    public async Task<TicketResult?> FindByDraftAsync(string draftId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(draftId);
        var arguments = TicketArguments.FindByDraft(draftId, options.Value);
        var result = await RunAsync(
            "search_by_draft",
            async (client, token) => await client.CallToolAsync(SearchTool, arguments, cancellationToken: token),
            cancellationToken);

        var backend = endpoints.Resolve();
        var text = string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text));
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
        using var span = Telemetry.StartTicketCall(operation);
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
            Telemetry.RecordTicketCall(operation, outcome, System.Diagnostics.Stopwatch.GetElapsedTime(started));
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
                [CreateIssueTool, SearchTool, UserProfileTool]);
            LogSessionStarted(logger, backend.McpEndpoint.ToString(), client.SessionId, client.NegotiatedProtocolVersion);
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

    private TicketResult ReadResult(CallToolResult result, TicketBackend backend)
    {
        var text = string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text));
        if (result.IsError == true)
        {
            LogRejected(logger, options.Value.ProjectKey, text);
            return Throw(new TicketException(TicketFailure.Rejected, $"Jira rejected the issue: {text}") { BackendMessage = text });
        }

        string? key = null;
        try
        {
            using var json = JsonDocument.Parse(result.Content.OfType<TextContentBlock>().FirstOrDefault()?.Text ?? string.Empty);
            if (json.RootElement.TryGetProperty("issue", out var issue) && issue.TryGetProperty("key", out var keyElement)
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
            var shown = text.Length > 300 ? text[..300] : text;
            return Throw(Report(TicketFailure.ProtocolError, "create_issue", backend.McpEndpoint.ToString(),
                new InvalidDataException($"jira_create_issue returned no readable issue key: {shown}")));
        }

        return new TicketResult(key, BrowseUrl(backend, key));
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

    private static TicketResult Throw(TicketException exception) => throw exception;

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

    [LoggerMessage(8, LogLevel.Error, "MCP protocol failure: {Operation} at {Endpoint}: {Detail}")]
    private static partial void LogProtocolError(ILogger logger, string operation, string endpoint, string detail, Exception exception);
}
