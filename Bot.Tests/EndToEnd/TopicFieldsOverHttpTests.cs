using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Support;
using TeamsItBot.Support.KnowledgeBase;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.EndToEnd;

/// <summary>A guide's "ticket" fields and the employee as reporter reach jira_create_issue over the wire.</summary>
public sealed class TopicFieldsOverHttpTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kb-fields").FullName;
    private FakeConnector _connector = null!;
    private McpAtlassianDouble _jira = null!;
    private BotApplicationFactory _bot = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // The shipped knowledge base, with fields on the VPN guide only.
        var knowledgeBase = JsonNode.Parse(File.ReadAllText(KnowledgeBaseLoader.ResolvePath(KnowledgeBaseOptions.DefaultPath)),
            documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        var vpn = knowledgeBase["topics"]!.AsArray().Single(t => t!["id"]!.GetValue<string>() == "vpn")!;
        vpn["ticket"] = JsonNode.Parse("""{ "issueType": "Bug", "priority": "Highest", "components": ["Network", "VPN"], "labels": ["vpn"] }""");
        var path = Path.Combine(_directory, "knowledge-base.json");
        await File.WriteAllTextAsync(path, knowledgeBase.ToJsonString(), Token);

        _connector = await FakeConnector.StartAsync(cancellationToken: Token);
        _jira = await McpAtlassianDouble.StartAsync();
        _bot = new BotApplicationFactory(sp => ActivatorUtilities.CreateInstance<ItSupportBot>(sp));
        _bot.Settings["MCP_ATLASSIAN_URL"] = _jira.McpUrl.ToString();
        _bot.Settings["JIRA_URL"] = McpAtlassianDouble.SiteUrl;
        _bot.Settings["JIRA_USERNAME"] = "it-bot@acme.example";
        _bot.Settings["JIRA_API_TOKEN"] = "test-api-token-value";
        _bot.Settings["Tickets:Priority"] = "High";
        _bot.Settings["Tickets:Labels"] = "it-bot";
        _bot.Settings["Tickets:Components"] = "Service Desk";
        _bot.Settings["Storage:Provider"] = "Memory";
        _bot.Settings["KnowledgeBase:Path"] = path;
    }

    public async ValueTask DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _jira.DisposeAsync();
        await _connector.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_guide_with_ticket_fields_files_with_its_type_priority_components_and_labels()
    {
        await Converse("cant connect to vpn");

        var call = Assert.Single(_jira.ToolCalls, c => c.ToolName == "jira_create_issue");
        Assert.Equal("Bug", call.Arguments["issue_type"].GetString());
        Assert.Equal("Network,VPN", call.Arguments["components"].GetString());
        var additional = JsonDocument.Parse(call.Arguments["additional_fields"].GetString()!).RootElement;
        Assert.Equal("Highest", additional.GetProperty("priority").GetProperty("name").GetString());
        Assert.Equal(["it-bot", "vpn"], additional.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).Take(2));
    }

    [Fact]
    public async Task A_guide_without_ticket_fields_files_with_the_global_defaults()
    {
        await Converse("Teams is not working");

        var call = Assert.Single(_jira.ToolCalls, c => c.ToolName == "jira_create_issue");
        Assert.Equal("Task", call.Arguments["issue_type"].GetString());
        Assert.Equal("Service Desk", call.Arguments["components"].GetString());
        var additional = JsonDocument.Parse(call.Arguments["additional_fields"].GetString()!).RootElement;
        Assert.Equal("High", additional.GetProperty("priority").GetProperty("name").GetString());
        // The global label and the draft label; the owner labels of the follow-up features besides them.
        var labels = additional.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToList();
        Assert.Equal(2, labels.Count(l => !l.StartsWith("itbot-user-", StringComparison.Ordinal) && l != "itbot-tracked"));
        Assert.Contains("it-bot", labels);
    }

    [Fact]
    public async Task The_employee_found_through_the_connector_is_the_reporter()
    {
        _connector.AddMember(TestActivities.UserId, new
        {
            id = TestActivities.UserId, name = "Ann User", aadObjectId = "00000000-0000-0000-0000-0000000000aa",
            email = "ann.user@acme.example", userPrincipalName = "ann.user@acme.example", tenantId = "t1",
        });
        _jira.AddUser("ann.user@acme.example", "5b10ac8d82e05b22cc7d4ef5", "Ann User");

        await Converse("Teams is not working");

        Assert.Equal([TestActivities.UserId], _connector.MemberLookups);
        var create = _jira.ToolCalls.Single(c => c.ToolName == "jira_create_issue");
        var additional = JsonDocument.Parse(create.Arguments["additional_fields"].GetString()!).RootElement;
        Assert.Equal("5b10ac8d82e05b22cc7d4ef5", additional.GetProperty("reporter").GetProperty("accountId").GetString());
        Assert.Contains("(ann.user@acme.example, Entra object id", create.Arguments["description"].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_lookup_the_connector_refuses_still_files_the_ticket_as_the_bot()
    {
        await Converse("Teams is not working");

        Assert.Equal([TestActivities.UserId], _connector.MemberLookups);
        var call = Assert.Single(_jira.ToolCalls, c => c.ToolName == "jira_create_issue");
        Assert.False(JsonDocument.Parse(call.Arguments["additional_fields"].GetString()!).RootElement.TryGetProperty("reporter", out _));
    }

    private async Task Converse(string problem)
    {
        await Post(TestActivities.Message(_connector.ServiceUrl, problem));
        await Post(TestActivities.Message(_connector.ServiceUrl, "didn't help"));
        await Post(TestActivities.Message(_connector.ServiceUrl, "yes"));
        Assert.Contains(_connector.Activities, a => a.Text?.StartsWith("Created ticket", StringComparison.Ordinal) == true);
    }

    private async Task Post(Activity activity)
    {
        using var response = await _bot.PostActivityAsync(activity, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
