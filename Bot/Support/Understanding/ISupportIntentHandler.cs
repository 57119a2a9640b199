using TeamsItBot.Framework.Hosting;

namespace TeamsItBot.Support.Understanding;

/// <summary>
/// A hand-over point for features built beside the troubleshooting flow (for example "my tickets" and
/// ticket status, intent <see cref="IntentIds.MyTickets"/>): register one with
/// <c>services.TryAddEnumerable(ServiceDescriptor.Singleton&lt;ISupportIntentHandler, MyHandler&gt;())</c>.
/// The main dialog asks the handlers of the recognised intent in turn; the first that returns true has answered.
/// </summary>
public interface ISupportIntentHandler
{
    /// <summary>The intent id it answers (see <see cref="IntentIds"/>).</summary>
    string IntentId { get; }

    Task<bool> TryHandleAsync(ITurnContext turnContext, UnderstoodMessage message, CancellationToken cancellationToken);
}

/// <summary>A message as understood: the user's words, their language and the intents recognised in it.</summary>
public sealed record UnderstoodMessage(string Text, string Language, IReadOnlySet<string> Intents);
