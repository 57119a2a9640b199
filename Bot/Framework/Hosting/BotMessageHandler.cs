using System.Buffers;
using Stopwatch = System.Diagnostics.Stopwatch;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TeamsItBot.Framework.Auth;
using TeamsItBot.Framework.Connector;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Framework.Hosting;

/// <summary>
/// <c>POST /api/messages</c>: size and content-type checks, parse, authenticate, tenant check,
/// de-duplicate, run the turn, answer. Every refusal is a problem+json 4xx; a failing turn is a
/// 500 with no detail (the log has it).
/// </summary>
public sealed partial class BotMessageHandler(
    CloudAdapter adapter,
    IBot bot,
    IBotAuthenticator authenticator,
    IActivityDeduplicator deduplicator,
    TrustedServiceUrls trustedServiceUrls,
    TimeProvider timeProvider,
    IHostApplicationLifetime lifetime,
    IOptions<BotFrameworkOptions> options,
    ILogger<BotMessageHandler> logger)
{
    /// <summary>How long a redelivery waits for the first delivery before answering on its own.</summary>
    private static readonly TimeSpan DuplicateWait = TimeSpan.FromSeconds(30);

    public async Task<IResult> HandleAsync(HttpContext http)
    {
        var settings = options.Value;
        var request = http.Request;
        var cancellationToken = http.RequestAborted;

        if (!IsJson(request.ContentType))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the activity as application/json.");
        }

        if (request.ContentLength > settings.MaxRequestBytes)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"The body exceeds {settings.MaxRequestBytes} bytes.");
        }

        string? authorization = request.Headers.Authorization;
        if (settings.IsAuthenticationEnabled && string.IsNullOrWhiteSpace(authorization))
        {
            return Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "A bearer token is required.");
        }

        var body = await ReadBodyAsync(request, settings.MaxRequestBytes, cancellationToken);
        if (body is null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"The body exceeds {settings.MaxRequestBytes} bytes.");
        }

        var (activity, parseError) = Parse(body);
        if (activity is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid activity", parseError!);
        }

        BotAuthenticationResult auth;
        try
        {
            auth = await authenticator.AuthenticateAsync(authorization, activity, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // An authenticator must fail closed: an unexpected error is a refusal, never a 500 or a turn.
            auth = BotAuthenticationResult.Unavailable(ex.GetType().Name);
        }

        if (!auth.Succeeded)
        {
            LogAuthenticationFailed(activity.Id, auth.StatusCode, auth.FailureReason);
            return Problem(auth.StatusCode, auth.StatusCode == 503 ? "Service unavailable" : "Unauthorized",
                auth.StatusCode == 503 ? "Token validation is unavailable right now." : "The request could not be authenticated.");
        }

        if (settings.AllowedTenantIds.Count > 0 && RefusedTenant(activity, settings.AllowedTenantIds) is { } refused)
        {
            LogTenantRefused(activity.Id, refused);
            return Problem(StatusCodes.Status403Forbidden, "Forbidden", "This bot does not serve the activity's tenant.");
        }

        if (!auth.IsAnonymous)
        {
            trustedServiceUrls.Trust(activity.ServiceUrl!);
        }
        else if (!trustedServiceUrls.IsTrusted(activity.ServiceUrl!))
        {
            // Any reply would be refused mid-turn; say so now instead of failing the turn with a 500.
            return Problem(StatusCodes.Status400BadRequest, "Invalid activity", "Without authentication the bot only replies to loopback service URLs.");
        }

        // The turn outlives the caller: Teams hangs up after 15 s, but a half-done turn (a ticket
        // being filed) must finish rather than be torn down mid-way. Only shutdown cancels it.
        return await RunDeduplicatedAsync(activity, lifetime.ApplicationStopping);
    }

    private async Task<IResult> RunDeduplicatedAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(activity.Id))
        {
            return (await RunTurnAsync(activity, cancellationToken)).Result;
        }

        for (var attempt = 0; attempt < 2; attempt++)
        {
            var claim = await deduplicator.ClaimAsync(activity.Conversation!.Id!, activity.Id, cancellationToken);
            if (!claim.IsDuplicate)
            {
                var settled = false;
                try
                {
                    var (result, response, succeeded) = await RunTurnAsync(activity, cancellationToken);
                    if (succeeded)
                    {
                        await claim.CompleteAsync(response);
                    }
                    else
                    {
                        await claim.AbandonAsync();
                    }

                    settled = true;
                    return result;
                }
                finally
                {
                    // The caller hung up (Teams gives up after 15 s and redelivers): release the
                    // claim so the redelivery runs instead of waiting on a turn that was cancelled.
                    if (!settled)
                    {
                        await claim.AbandonAsync();
                    }
                }
            }

            LogDuplicate(activity.Id, activity.Type);
            DeliveryOutcome earlier;
            try
            {
                earlier = await claim.EarlierOutcome.WaitAsync(DuplicateWait, timeProvider, cancellationToken);
            }
            catch (TimeoutException)
            {
                // The first delivery is still running and will answer the user itself.
                LogDuplicateStillRunning(activity.Id, activity.Type);
                return activity.IsType(ActivityTypes.Invoke)
                    ? Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable", "The activity is still being processed; retry later.")
                    : Results.Accepted();
            }

            if (earlier.Completed)
            {
                return earlier.InvokeResponse is { } replay ? InvokeResult(replay) : Results.Ok();
            }
        }

        return Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable", "The activity could not be processed; retry later.");
    }

    private async Task<(IResult Result, InvokeResponse? Response, bool Succeeded)> RunTurnAsync(Activity activity, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await adapter.ProcessActivityAsync(activity, bot.OnTurnAsync, cancellationToken);
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogTurn(activity.Conversation?.Id, activity.Type, activity.Id, elapsedMs, "ok");
            return (response is null ? Results.Ok() : InvokeResult(response), response, true);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogTurnFailed(ex, activity.Id, activity.Conversation?.Id, activity.Type);
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogTurn(activity.Conversation?.Id, activity.Type, activity.Id, elapsedMs, "error");
            return (Problem(StatusCodes.Status500InternalServerError, "Internal error", "The bot failed to process the activity."), null, false);
        }
    }

    /// <summary>
    /// The tenant that is not allowed, "" when the activity names none, null when it may pass.
    /// Both places Teams puts the tenant are checked, so a disagreeing pair cannot slip through.
    /// </summary>
    private static string? RefusedTenant(Activity activity, IList<string> allowed)
    {
        string?[] tenants = [activity.Conversation?.TenantId, ChannelDataTenant(activity)];
        var named = tenants.Where(t => !string.IsNullOrEmpty(t)).ToList();
        if (named.Count == 0)
        {
            return string.Empty;
        }

        return named.FirstOrDefault(t => !allowed.Contains(t!, StringComparer.OrdinalIgnoreCase));
    }

    private static string? ChannelDataTenant(Activity activity) =>
        activity.ChannelData is { ValueKind: JsonValueKind.Object } data
        && data.TryGetProperty("tenant", out var tenant) && tenant.ValueKind == JsonValueKind.Object
        && tenant.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;

    private static IResult InvokeResult(InvokeResponse response) =>
        response.Body is null
            ? Results.StatusCode(response.Status)
            : Results.Json(response.Body, BotJson.Options, statusCode: response.Status);

    private static (Activity? Activity, string? Error) Parse(byte[] body)
    {
        // The reader only checks UTF-8 in strings it decodes; unknown fields are kept undecoded,
        // so bad bytes there would pass and break whoever reads them later.
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return (null, "The body is not valid UTF-8 JSON.");
        }

        Activity? activity;
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = BotJson.MaxDepth });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, "The body must be a JSON object.");
            }

            activity = document.RootElement.Deserialize<Activity>(BotJson.Options);
        }
        catch (JsonException ex) when (ex.Message.Contains("depth", StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"The JSON nests deeper than {BotJson.MaxDepth} levels.");
        }
        catch (JsonException)
        {
            return (null, "The body is not valid JSON, or not an activity.");
        }
        catch (ArgumentException)
        {
            return (null, "The body is not valid UTF-8 JSON.");
        }

        if (JsonUnicode.HasLoneSurrogate(body))
        {
            return (null, "The body contains an unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF), which is not Unicode text.");
        }

        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(activity?.Type)) missing.Add("type");
        if (string.IsNullOrWhiteSpace(activity?.Conversation?.Id)) missing.Add("conversation.id");
        if (string.IsNullOrWhiteSpace(activity?.ServiceUrl)) missing.Add("serviceUrl");
        if (missing.Count > 0)
        {
            return (null, $"The activity lacks {string.Join(", ", missing)}.");
        }

        if (!Uri.TryCreate(activity!.ServiceUrl, UriKind.Absolute, out var serviceUri)
            || (serviceUri.Scheme != Uri.UriSchemeHttps && serviceUri.Scheme != Uri.UriSchemeHttp))
        {
            return (null, "The activity's serviceUrl is not an absolute http(s) URL.");
        }

        // State is keyed by channel and conversation: a turn without a channel could not load it.
        if (string.IsNullOrWhiteSpace(activity.ChannelId))
        {
            return (null, "The activity lacks channelId.");
        }

        return (activity, null);
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is longer.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is > 0 and var length && length <= limit ? (int)length : 4096);
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                return null;
            }
        }
    }

    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType) || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return false;
        }

        var type = media.MediaType.Value ?? string.Empty;
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Turn {ConversationId} {ActivityType} {ActivityId} took {DurationMs:F1} ms: {Outcome}")]
    private partial void LogTurn(string? conversationId, string? activityType, string? activityId, double durationMs, string outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed for activity {ActivityId} in {ConversationId} ({ActivityType})")]
    private partial void LogTurnFailed(Exception exception, string? activityId, string? conversationId, string? activityType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Authentication failed for activity {ActivityId} ({StatusCode}): {Reason}")]
    private partial void LogAuthenticationFailed(string? activityId, int statusCode, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activity {ActivityId} refused: tenant {TenantId} is not allowed")]
    private partial void LogTenantRefused(string? activityId, string? tenantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Activity {ActivityId} ({ActivityType}) is a redelivery; not run again")]
    private partial void LogDuplicate(string? activityId, string? activityType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activity {ActivityId} ({ActivityType}) was redelivered while its first delivery is still running")]
    private partial void LogDuplicateStillRunning(string? activityId, string? activityType);
}
