using Microsoft.Extensions.DependencyInjection;
using TeamsItBot.Support;
using TeamsItBot.Tests.Outbox;

namespace TeamsItBot.Tests.Testing;

/// <summary>
/// The real app with the real support bot on a Kestrel port, its tickets going to the mcp-atlassian
/// contract double and its replies to a fake connector, state in memory. Tests may change
/// <see cref="App"/>'s settings and services before its first client.
/// </summary>
internal sealed class SupportAppOverDouble : IAsyncDisposable
{
    private SupportAppOverDouble(McpAtlassianDouble jira, FakeConnector connector, BotApplicationFactory app)
    {
        Jira = jira;
        Connector = connector;
        App = app;
    }

    public McpAtlassianDouble Jira { get; }

    public FakeConnector Connector { get; }

    public BotApplicationFactory App { get; }

    public static async Task<SupportAppOverDouble> StartAsync(CancellationToken cancellationToken)
    {
        var jira = await McpAtlassianDouble.StartAsync();
        var connector = await FakeConnector.StartAsync(cancellationToken: cancellationToken);
        var app = new BotApplicationFactory(sp => ActivatorUtilities.CreateInstance<ItSupportBot>(sp));
        foreach (var (key, value) in BotSettings.ForDouble(jira))
        {
            app.Settings[key] = value;
        }

        app.Settings["Storage:Provider"] = "Memory";
        return new SupportAppOverDouble(jira, connector, app);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Connector.DisposeAsync();
        await Jira.DisposeAsync();
    }
}
