using System.Diagnostics;
using TeamsItBot.Framework.Hosting;

namespace TeamsItBot.Operations;

/// <summary>
/// Gives every turn a span and the turn metrics, as a step of the adapter's pipeline, so the
/// protocol layer knows nothing of telemetry. Message text is never put on the span.
/// </summary>
public sealed class TurnTelemetryMiddleware : ITurnMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate nextTurn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(nextTurn);
        var incoming = turnContext.Activity;
        using var span = Telemetry.ActivitySource.StartActivity("bot turn", ActivityKind.Internal);
        span?.SetTag("activity.type", incoming.Type);
        span?.SetTag("channel", incoming.ChannelId);
        span?.SetTag("conversation.id", incoming.Conversation?.Id);

        var started = Stopwatch.GetTimestamp();
        var outcome = "ok";
        try
        {
            await nextTurn(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = "cancelled";
            throw;
        }
        catch (Exception ex)
        {
            outcome = "error";
            span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
        finally
        {
            span?.SetTag("outcome", outcome);
            Telemetry.RecordTurn(incoming.Type, incoming.ChannelId, outcome, Stopwatch.GetElapsedTime(started));
        }
    }
}
