using System.Net;
using System.Text.Json.Nodes;

namespace TeamsItBot.Tests.BadInput;

/// <summary>Well-formed activities with odd content: unknown kinds, odd Unicode, very long text. Answered, never a 5xx.</summary>
public sealed class ActivityContentTests(BadInputFixture fixture) : IClassFixture<BadInputFixture>
{
    private BadInputHost Host => fixture.Host;

    [Theory]
    [InlineData("fooBar")]
    [InlineData("typing")]
    [InlineData("messageReaction")]
    [InlineData("messageUpdate")]
    [InlineData("messageDelete")]
    [InlineData("endOfConversation")]
    [InlineData("event")]
    [InlineData("conversationUpdate")]
    [InlineData("installationUpdate")]
    [InlineData("trace")]
    [InlineData("MESSAGE")]
    public async Task Unknown_or_unhandled_activity_types_get_a_200(string type)
    {
        var answer = await Host.PostAsync(With(Host.Message("hello"), "type", JsonValue.Create(type)));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Theory]
    [InlineData("unknown/thing")]
    [InlineData("composeExtension/query")]
    [InlineData("signin/verifyState")]
    [InlineData("")]
    [InlineData("adaptiveCard/action/extra")]
    public async Task Unknown_invoke_names_get_a_501(string name)
    {
        var answer = await Host.PostAsync(Invoke(name, new JsonObject { ["x"] = 1 }));

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"click\"")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"action\":null}")]
    [InlineData("{\"action\":\"Action.Execute\"}")]
    public async Task Card_invoke_without_a_usable_action_is_a_400(string value)
    {
        var answer = await Host.PostAsync(Invoke("adaptiveCard/action", JsonNode.Parse(value)));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("application/vnd.microsoft.error", answer.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"action\":{}}")]
    [InlineData("{\"action\":{\"type\":\"Action.Execute\"}}")]
    [InlineData("{\"action\":{\"type\":\"Action.Execute\",\"verb\":\"launchMissiles\",\"data\":{}}}")]
    [InlineData("{\"action\":{\"type\":\"Action.Execute\",\"verb\":\"createTicket\"}}")]
    [InlineData("{\"action\":{\"type\":\"Action.Execute\",\"verb\":\"createTicket\",\"data\":\"x\"}}")]
    [InlineData("{\"action\":{\"type\":\"Action.Execute\",\"verb\":\"createTicket\",\"data\":{\"draftId\":42}}}")]
    [InlineData("{\"action\":{\"type\":\"Action.Execute\",\"verb\":\"createTicket\",\"data\":{\"draftId\":\"no-such-draft\"}}}")]
    [InlineData("{\"action\":{\"type\":\"Action.Execute\",\"verb\":\"declineTicket\",\"data\":{\"draftId\":[1,2]}}}")]
    [InlineData("{\"action\":{\"type\":\"Action.Submit\",\"verb\":5,\"data\":{}}}")]
    public async Task Card_invoke_with_a_bad_verb_or_draft_answers_in_the_card_protocol(string value)
    {
        // The host is shared by this class's tests (run one at a time): other cases may have filed tickets.
        var toolCallsBefore = Host.Jira.ToolCalls.Count;
        var answer = await Host.PostAsync(Invoke("adaptiveCard/action", JsonNode.Parse(value)));

        Assert.True(answer.Code is 200 or 400, $"status {answer.Code}: {answer.Body}");
        var body = JsonNode.Parse(answer.Body)!;
        Assert.True(body["statusCode"]!.GetValue<int>() is 200 or 400, answer.Body);
        Assert.Equal(toolCallsBefore, Host.Jira.ToolCalls.Count);
    }

    [Theory]
    [InlineData("\\ud800")]
    [InlineData("\\udfff")]
    [InlineData("Teams \\ud83d is broken")]
    [InlineData("\\udc00\\ud800")]
    [InlineData("\\u0000\\u0001\\u001f")]
    [InlineData("\\u202e\\u200b\\ufeff Teams")]
    [InlineData("\\uffff\\ufffe")]
    public async Task Odd_unicode_in_text_is_answered_or_refused_cleanly(string escaped)
    {
        var conversation = "a:" + Guid.NewGuid().ToString("N");
        var body = Host.Message("PLACEHOLDER", conversation).Replace("PLACEHOLDER", escaped, StringComparison.Ordinal);

        var answer = await Host.PostAsync(body);

        Assert.True(answer.Code is 200 or 400, $"status {answer.Code}: {answer.Body}");
        await Host.AssertStillAnswersAsync();
    }

    [Fact]
    public async Task Valid_astral_characters_are_fine()
    {
        var conversation = "a:" + Guid.NewGuid().ToString("N");
        var answer = await Host.PostAsync(Host.Message("Teams 💥 is not working 🙈 日本語", conversation));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains(Host.Connector.Activities, a => a.Conversation?.Id == conversation);
    }

    [Theory]
    [InlineData(20_000)]
    [InlineData(100_000)]
    public async Task Very_long_message_gets_a_reply(int length)
    {
        var conversation = "a:" + Guid.NewGuid().ToString("N");
        var text = string.Concat(Enumerable.Repeat("Teams is not working again ", length / 27 + 1))[..length];

        var answer = await Host.PostAsync(Host.Message(text, conversation));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains(Host.Connector.Activities, a => a.Conversation?.Id == conversation);
    }

    [Fact]
    public async Task Very_long_problem_still_files_a_ticket_with_a_bounded_summary()
    {
        var conversation = "a:" + Guid.NewGuid().ToString("N");
        var problem = "My laptop cannot reach the VPN " + new string('x', 20_000);
        var flow = new BadInputFlow(Host, conversation);

        var (draftId, cardId) = await flow.TicketCardAsync(problem);
        var created = await flow.ConfirmAsync(draftId, cardId);

        Assert.Equal(200, created.Code);
        var call = Assert.Single(Host.Jira.ToolCalls, c => c.ToolName == "jira_create_issue" && c.Arguments["description"].GetString()!.Contains("VPN", StringComparison.Ordinal)
            && c.Arguments["description"].GetString()!.Contains(new string('x', 1000), StringComparison.Ordinal));
        Assert.True(call.Arguments["summary"].GetString()!.Length <= 120);
    }

    private string Invoke(string name, JsonNode? value)
    {
        var node = JsonNode.Parse(Host.Message("ignored"))!.AsObject();
        node["type"] = "invoke";
        node["name"] = name;
        node.Remove("text");
        node["value"] = value;
        return node.ToJsonString();
    }

    private static string With(string json, string field, JsonNode? value)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node[field] = value;
        return node.ToJsonString();
    }
}
