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
internal sealed partial class BotMessageHandler(
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

        if (!ActivityRequestReader.IsJson(request.ContentType))
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

        var body = await ActivityRequestReader.ReadBodyAsync(request, settings.MaxRequestBytes, cancellationToken);
        if (body is null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"The body exceeds {settings.MaxRequestBytes} bytes.");
        }

        var (activity, parseError) = ActivityRequestReader.Parse(body);
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
            // Only the URL the token vouched for becomes trusted, never the activity's own word.
            if (string.IsNullOrEmpty(auth.ServiceUrl)
                || !string.Equals(TrustedServiceUrls.Normalize(auth.ServiceUrl), TrustedServiceUrls.Normalize(activity.ServiceUrl!), StringComparison.OrdinalIgnoreCase))
            {
                LogAuthenticationFailed(activity.Id, StatusCodes.Status401Unauthorized, "the token vouches for no serviceUrl or another one");
                return Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "The request could not be authenticated.");
            }

            trustedServiceUrls.Trust(auth.ServiceUrl);
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
