using System.Diagnostics;
using TeamsItBot.Framework.Hosting;

namespace TeamsItBot.Operations;

/// <summary>
/// Wraps the app's <see cref="IBot"/> so every turn gets a span and the turn metrics, without
/// the protocol layer knowing about telemetry. Message text is never put on the span.
/// </summary>
public sealed class InstrumentedBot(IBot inner) : IBot
{
    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        var incoming = turnContext.Activity;
        using var span = Telemetry.ActivitySource.StartActivity("bot turn", ActivityKind.Internal);
        span?.SetTag("activity.type", incoming.Type);
        span?.SetTag("channel", incoming.ChannelId);
        span?.SetTag("conversation.id", incoming.Conversation?.Id);

        var started = Stopwatch.GetTimestamp();
        var outcome = "ok";
        try
        {
            await inner.OnTurnAsync(turnContext, cancellationToken);
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
