using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Framework.Hosting;

/// <summary>Runs turns and carries their outbound activities; the SDK's adapter shape.</summary>
public abstract class BotAdapter
{
    /// <summary>Called when a turn throws, before the exception reaches the host (e.g. to apologise to the user).</summary>
    public Func<ITurnContext, Exception, Task>? OnTurnError { get; set; }

    private readonly List<ITurnMiddleware> _middleware = [];

    /// <summary>Adds a step that runs, in the order added, around every turn of this adapter.</summary>
    public BotAdapter Use(ITurnMiddleware middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        _middleware.Add(middleware);
        return this;
    }

    public abstract Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, IReadOnlyList<Activity> activities, CancellationToken cancellationToken);

    public abstract Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken);

    /// <summary>Runs a proactive turn in an existing conversation (no inbound message).</summary>
    public virtual Task ContinueConversationAsync(ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken) =>
        RunPipelineAsync(new TurnContext(this, reference.GetContinuationActivity()), callback, cancellationToken);

    protected async Task RunPipelineAsync(ITurnContext turnContext, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        try
        {
            await RunMiddlewareAsync(0, turnContext, callback, cancellationToken);
        }
        catch (Exception ex) when (OnTurnError is not null)
        {
            try
            {
                await OnTurnError(turnContext, ex);
            }
            catch (Exception handlerFailure)
            {
                throw new AggregateException(ex, handlerFailure);
            }

            throw;
        }
    }

    private Task RunMiddlewareAsync(int index, ITurnContext turnContext, BotCallbackHandler callback, CancellationToken cancellationToken) =>
        index == _middleware.Count
            ? callback(turnContext, cancellationToken)
            : _middleware[index].OnTurnAsync(turnContext, ct => RunMiddlewareAsync(index + 1, turnContext, callback, ct), cancellationToken);
}
