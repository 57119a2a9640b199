using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TeamsItBot.Insights.Access;

/// <summary>In Development, prints the dashboard's sign-in link (with the local token) once the server listens.</summary>
public sealed partial class AdminTokenAnnouncer(AdminToken token, IServer server, IHostApplicationLifetime lifetime, ILogger<AdminTokenAnnouncer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (token.Value is { } value)
        {
            lifetime.ApplicationStarted.Register(() =>
            {
                var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost";
                LogDashboard($"{address.TrimEnd('/')}/admin?token={value}");
            });
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Development only: the token is a local, per-process secret and printing it is how the admin gets in.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin dashboard (Development): {Link}")]
    private partial void LogDashboard(string link);
}
