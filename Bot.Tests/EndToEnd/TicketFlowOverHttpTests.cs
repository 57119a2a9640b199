using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Support;
using TeamsItBot.Tests.Support;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.EndToEnd;

/// <summary>
/// The whole product over real sockets: Teams-shaped activities POSTed to /api/messages, replies
/// at a fake Bot Connector, tickets through the bot's MCP client to the mcp-atlassian double.
/// </summary>
public sealed class TicketFlowOverHttpTests : IAsyncLifetime
{
    private FakeConnector _connector = null!;
    private McpAtlassianDouble _jira = null!;
    private BotApplicationFactory _bot = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync(cancellationToken: Token);
        _jira = await McpAtlassianDouble.StartAsync();
        _bot = new BotApplicationFactory(sp => ActivatorUtilities.CreateInstance<ItSupportBot>(sp));
        _bot.Settings["MCP_ATLASSIAN_URL"] = _jira.McpUrl.ToString();
        _bot.Settings["JIRA_URL"] = McpAtlassianDouble.SiteUrl;
        _bot.Settings["JIRA_USERNAME"] = "it-bot@acme.example";
        _bot.Settings["JIRA_API_TOKEN"] = "test-api-token-value";
        _bot.Settings["JIRA_PROJECT_KEY"] = "ITSUPPORT";
        _bot.Settings["Tickets:Priority"] = "High";
        _bot.Settings["Tickets:Labels"] = "it-bot";
        _bot.Settings["Storage:Provider"] = "Memory";
    }

    public async ValueTask DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _jira.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task Problem_steps_card_click_creates_the_jira_issue_with_the_exact_arguments()
    {
        await Post(TestActivities.Message(_connector.ServiceUrl, "Teams is not working"));
        var steps = _connector.Activities[0];
        Assert.Contains("Microsoft Teams", steps.Text);
        Assert.Equal("a:1Xy-9_Q", steps.Conversation!.Id);

        await Post(TestActivities.Message(_connector.ServiceUrl, "Still not working"));
        var cardRequest = _connector.Requests.Last(r => r.Activity?.Attachments is { Count: > 0 });
        var card = JsonSerializer.SerializeToElement(cardRequest.Activity!.Attachments![0].Content, BotJson.Options);
        Assert.Contains("Create JIRA ticket?", card.GetRawText());
        var execute = card.GetProperty("actions")[0];
        Assert.Equal("Action.Execute", execute.GetProperty("type").GetString());
        Assert.Equal("createTicket", execute.GetProperty("verb").GetString());
        Assert.Equal("Action.Submit", execute.GetProperty("fallback").GetProperty("type").GetString());
        var draftId = execute.GetProperty("data").GetProperty("draftId").GetString();
        var cardId = cardRequest.ResponseId!;

        var invoke = TestActivities.Invoke(_connector.ServiceUrl, "adaptiveCard/action", new
        {
            action = new { type = "Action.Execute", verb = "createTicket", data = new { draftId } },
            trigger = "manual",
        });
        invoke.ReplyToId = cardId;
        using var response = await _bot.PostActivityAsync(invoke, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement;
        Assert.Equal(200, body.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.GetProperty("type").GetString());
        Assert.Contains("Created ticket ITSUPPORT-1", body.GetProperty("value").GetRawText());

        var call = Assert.Single(_jira.ToolCalls, c => c.ToolName == "jira_create_issue");
        // Then the evidence (here the transcript) goes on with jira_update_issue, 0.23.1's only upload path.
        var evidence = Assert.Single(_jira.ToolCalls, c => c.ToolName == "jira_update_issue");
        Assert.Equal(["attachments", "fields", "issue_key"], evidence.Arguments.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("ITSUPPORT-1", evidence.Arguments["issue_key"].GetString());
        Assert.Equal("{}", evidence.Arguments["fields"].GetString());
        Assert.Equal($"[\"/app/evidence/{draftId}/transcript.txt\"]", evidence.Arguments["attachments"].GetString());
        Assert.Equal(2, _jira.ToolCalls.Count);
        // The draft label makes a retry findable (jira_search) instead of filing a second issue.
        Assert.Equal("jira_create_issue", call.ToolName);
        Assert.Equal("ITSUPPORT", call.Arguments["project_key"].GetString());
        Assert.Equal("Task", call.Arguments["issue_type"].GetString());
        Assert.Equal("IT Support: Teams is not working", call.Arguments["summary"].GetString());
        var description = call.Arguments["description"].GetString()!;
        Assert.StartsWith("**Issue Reported:**", description, StringComparison.Ordinal);
        Assert.Contains("Teams is not working", description, StringComparison.Ordinal);
        Assert.Contains("**Troubleshooting Steps Attempted:**", description, StringComparison.Ordinal);
        Assert.Contains("1. ", description, StringComparison.Ordinal);
        Assert.Contains("Ann User", description, StringComparison.Ordinal);
        Assert.EndsWith("*Auto-generated by IT Support Chatbot*", description.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.String, call.Arguments["additional_fields"].ValueKind);
        var additional = JsonDocument.Parse(call.Arguments["additional_fields"].GetString()!).RootElement;
        Assert.Equal("High", additional.GetProperty("priority").GetProperty("name").GetString());
        Assert.Contains(additional.GetProperty("labels").EnumerateArray(), l => l.GetString() == "it-bot");
        Assert.Contains(additional.GetProperty("labels").EnumerateArray(), l => l.GetString() == $"itbot-draft-{draftId}");
        var basic = Convert.ToBase64String("it-bot@acme.example:test-api-token-value"u8.ToArray());
        Assert.Equal($"Basic {basic}", call.Authorization);

        Assert.Contains(_connector.Activities, a => a.Type == ActivityTypes.Typing);
        var created = _connector.Activities.Single(a => a.Text?.StartsWith("Created ticket", StringComparison.Ordinal) == true);
        Assert.Contains("https://acme.atlassian.net/browse/ITSUPPORT-1", created.Text, StringComparison.Ordinal);
        // The replacements run beside the turn ("Creating ticket...", then the result): wait for both.
        for (var waited = 0; _connector.Requests.Count(r => r.Method == "PUT") < 2 && waited < 200; waited++)
        {
            await Task.Delay(50, Token);
        }

        var updates = _connector.Requests.Where(r => r.Method == "PUT").ToList();
        Assert.NotEmpty(updates);
        Assert.All(updates, u =>
        {
            Assert.Equal(cardId, u.ActivityId);
            Assert.False(SupportBot.HasPostBackButtons(SupportBot.CardJson(u.Activity!)));
        });
        Assert.Contains("Created ticket ITSUPPORT-1", updates[^1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Typed_yes_creates_the_ticket_and_a_redelivered_yes_does_not_create_another()
    {
        await Post(TestActivities.Message(_connector.ServiceUrl, "cant connect to vpn"));
        await Post(TestActivities.Message(_connector.ServiceUrl, "didn't help"));
        var yes = TestActivities.Message(_connector.ServiceUrl, "yes please");

        await Post(yes);
        // The card replacements run beside the turn: count once the last one (the result) has landed.
        for (var waited = 0; !_connector.Requests.Any(r => r.Method == "PUT" && r.Body.Contains("Created ticket ITSUPPORT-1", StringComparison.Ordinal)) && waited < 200; waited++)
        {
            await Task.Delay(50, Token);
        }

        var sentAfterFirst = await _connector.WaitForQuietAsync();
        await Post(yes);
        var sentAfterRedelivery = await _connector.WaitForQuietAsync();
        await Post(TestActivities.Message(_connector.ServiceUrl, "yes"));

        // The draft would protect the ticket (a second yes only says "already exists"): the redelivery
        // itself must run no turn at all, so it sends nothing.
        Assert.Equal(sentAfterFirst, sentAfterRedelivery);
        Assert.Single(_jira.ToolCalls, c => c.ToolName == "jira_create_issue");
        Assert.Contains(_connector.Activities.Skip(sentAfterRedelivery), a => a.Text?.Contains("already exists: ITSUPPORT-1", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_redelivered_problem_gets_its_steps_once()
    {
        // Nothing in the conversation's state stops a second run of this turn: only de-duplication does.
        var problem = TestActivities.Message(_connector.ServiceUrl, "Outlook does not sync my mail");

        await Post(problem);
        var sentAfterFirst = await _connector.WaitForQuietAsync();
        await Post(problem);

        Assert.True(sentAfterFirst > 0, "the first delivery is answered");
        Assert.Equal(sentAfterFirst, await _connector.WaitForQuietAsync());
        Assert.Single(_connector.Activities, a => a.Text?.Contains("Please try these steps", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Jira_rejection_is_told_in_one_plain_sentence_and_jiras_words_stay_in_the_log()
    {
        await _jira.DisposeAsync();
        _jira = await McpAtlassianDouble.StartAsync(projectKey: "OTHER");
        _bot.Settings["MCP_ATLASSIAN_URL"] = _jira.McpUrl.ToString();

        await Post(TestActivities.Message(_connector.ServiceUrl, "Please open a ticket for my broken keyboard"));
        await Post(TestActivities.Message(_connector.ServiceUrl, "yes"));

        Assert.Contains(_connector.Activities, a => a.Text?.StartsWith("Jira did not accept the ticket.", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(_connector.Activities, a => a.Text?.Contains("Specify a valid project ID or key", StringComparison.Ordinal) == true);
        Assert.Contains(_bot.Logs.Entries, e => e.Message.Contains("Specify a valid project ID or key", StringComparison.Ordinal));
    }

    private async Task Post(Activity activity)
    {
        using var response = await _bot.PostActivityAsync(activity, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
