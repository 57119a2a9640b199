using Microsoft.Extensions.Hosting;

namespace TeamsItBot.Tickets;

/// <summary>
/// Ends the MCP session while the server can still hear it: in the host's "stopping" phase, before
/// any hosted service (the web server among them) stops, so the embedded local tracker still answers
/// the session's DELETE. Left to the container's disposal, after Kestrel stopped, it met a refused
/// connection and the SDK logged a warning with a stack trace on every stop.
/// </summary>
internal sealed class McpSessionShutdown(McpJiraTicketService tickets) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => tickets.CloseSessionAsync();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
