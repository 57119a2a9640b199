using System.Diagnostics.CodeAnalysis;

namespace TeamsItBot.Framework.Hosting;

/// <summary>Continues the pipeline: the next middleware, or the bot's own turn handler.</summary>
[SuppressMessage("Naming", "CA1711", Justification = "The Bot Framework SDK's name, kept so SDK-shaped code reads the same.")]
public delegate Task NextDelegate(CancellationToken cancellationToken);

/// <summary>
/// A step every turn passes through before the bot (the SDK's <c>IMiddleware</c>, renamed so it never clashes with ASP.NET Core's). Registered in
/// the container by the part that owns it; the adapter runs them in registration order.
/// </summary>
public interface ITurnMiddleware
{
    Task OnTurnAsync(ITurnContext turnContext, NextDelegate nextTurn, CancellationToken cancellationToken);
}
