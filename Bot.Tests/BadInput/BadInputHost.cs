using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TeamsItBot.Support;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.BadInput;

/// <summary>The answer to one raw POST: status and body.</summary>
public sealed record RawAnswer(HttpStatusCode Status, string Body)
{
    public int Code => (int)Status;
}

/// <summary>
/// The real app with the real <see cref="ItSupportBot"/> on a Kestrel port, a fake connector and
/// the mcp-atlassian double, reached with raw bytes so any body, header or encoding can be sent.
/// </summary>
public sealed class BadInputHost : IAsyncDisposable
{
    public const string JiraUser = "it-bot@acme.example";
    public const string JiraToken = "JIRA-SECRET-7f3e9b21c4d8a6";

    private HttpClient _client = null!;

    private BadInputHost()
    {
    }

    public FakeConnector Connector { get; private set; } = null!;

    public McpAtlassianDouble Jira { get; private set; } = null!;

    public BotApplicationFactory App { get; private set; } = null!;

    public static async Task<BadInputHost> StartAsync(Action<BotApplicationFactory>? configure = null)
    {
        var host = new BadInputHost
        {
            Connector = await FakeConnector.StartAsync(),
            Jira = await McpAtlassianDouble.StartAsync(),
        };
        var app = new BotApplicationFactory(sp => ActivatorUtilities.CreateInstance<ItSupportBot>(sp));
        app.Settings["MCP_ATLASSIAN_URL"] = host.Jira.McpUrl.ToString();
        app.Settings["JIRA_URL"] = McpAtlassianDouble.SiteUrl;
        app.Settings["JIRA_USERNAME"] = JiraUser;
        app.Settings["JIRA_API_TOKEN"] = JiraToken;
        app.Settings["JIRA_PROJECT_KEY"] = "ITSUPPORT";
        app.Settings["Storage:Provider"] = "Memory";
        // Queued tickets are retried within the test's time.
        app.Settings["Outbox:InitialBackoff"] = "00:00:00.200";
        app.Settings["Outbox:PollInterval"] = "00:00:00.100";
        configure?.Invoke(app);
        host.App = app;
        host._client = new HttpClient { BaseAddress = app.ServerAddress, Timeout = TimeSpan.FromSeconds(60) };
        return host;
    }

    public Task<RawAnswer> PostAsync(string body, string? contentType = "application/json", string? authorization = null) =>
        PostAsync(Encoding.UTF8.GetBytes(body), contentType, authorization);

    public async Task<RawAnswer> PostAsync(byte[] body, string? contentType = "application/json", string? authorization = null, bool chunked = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages");
        HttpContent content = chunked ? new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        request.Content = content;
        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }

        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        return new RawAnswer(response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public async Task<RawAnswer> SendAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        return new RawAnswer(response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>A well-formed Teams message in a fresh conversation, as JSON text.</summary>
    public string Message(string text, string? conversationId = null, string? id = null) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            type = "message",
            id = id ?? "act-" + Guid.NewGuid().ToString("N"),
            serviceUrl = Connector.ServiceUrl,
            channelId = "msteams",
            from = new { id = TestActivities.UserId, name = "Ann User", aadObjectId = "00000000-0000-0000-0000-0000000000aa" },
            recipient = new { id = TestActivities.BotId, name = "IT Bot" },
            conversation = new { id = conversationId ?? "a:" + Guid.NewGuid().ToString("N"), tenantId = TestActivities.TenantId, conversationType = "personal" },
            text,
        });

    /// <summary>The app still works: a fresh conversation gets its troubleshooting steps.</summary>
    public async Task AssertStillAnswersAsync()
    {
        var conversation = "a:alive-" + Guid.NewGuid().ToString("N");
        var answer = await PostAsync(Message("Teams is not working", conversation));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains(Connector.Activities, a => a.Conversation?.Id == conversation && a.Text?.Contains("Teams", StringComparison.Ordinal) == true);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await App.DisposeAsync();
        await Jira.DisposeAsync();
        await Connector.DisposeAsync();
    }

    internal static AuthenticationHeaderValue Basic(string user, string token) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{token}")));
}
