using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TeamsItBot.Tickets;

namespace TeamsItBot.Tests.Tickets;

/// <summary>The ticket service wired as the app wires it (AddTickets), with captured logs.</summary>
internal sealed class TicketTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public TicketTestHost(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        _services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(Logs))
            .AddTickets(configuration)
            .BuildServiceProvider();
    }

    public CapturedLogs Logs { get; } = new();

    public McpJiraTicketService Service => _services.GetRequiredService<McpJiraTicketService>();

    public ITicketService Tickets => _services.GetRequiredService<ITicketService>();

    public TeamsItBot.Tickets.FollowUp.ITicketFollowUpService FollowUp => _services.GetRequiredService<TeamsItBot.Tickets.FollowUp.ITicketFollowUpService>();

    public static Dictionary<string, string?> RemoteSettings(Uri mcpUrl) => new()
    {
        ["MCP_ATLASSIAN_URL"] = mcpUrl.ToString(),
        ["JIRA_URL"] = "https://acme.atlassian.net/",
        ["JIRA_USERNAME"] = "bot@acme.com",
        ["JIRA_API_TOKEN"] = "s3cret-api-token",
        ["Tickets:TimeoutSeconds"] = "10",
    };

    public static TicketDraft Draft(string problem = "Teams is not working") =>
        new(Guid.NewGuid().ToString("n"), problem, ["Restart Teams", "Sign out and in"], "Ada Lovelace", "0f3c-42");

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    public sealed class CapturedLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLogs owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner._lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
        }
    }
}
