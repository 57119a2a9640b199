using System.Text.Json;
using TeamsItBot.Framework.Cards;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Tests.Framework;

public sealed class ActivitySchemaTests
{
    [Fact]
    public void Unknown_properties_survive_a_round_trip()
    {
        const string json = """
            {"type":"message","id":"1","serviceUrl":"https://smba.example/","channelId":"msteams",
             "from":{"id":"29:u","name":"Ann","aadObjectId":"oid","futureField":1},
             "conversation":{"id":"a:1","tenantId":"t","extra":{"x":[1,2]}},
             "recipient":{"id":"28:bot"},"text":"hi","brandNew":{"deep":true}}
            """;
        var activity = JsonSerializer.Deserialize<Activity>(json, BotJson.Options)!;
        var back = JsonSerializer.SerializeToElement(activity, BotJson.Options);

        Assert.True(back.GetProperty("brandNew").GetProperty("deep").GetBoolean());
        Assert.Equal(1, back.GetProperty("from").GetProperty("futureField").GetInt32());
        Assert.Equal(2, back.GetProperty("conversation").GetProperty("extra").GetProperty("x")[1].GetInt32());
    }

    [Fact]
    public void Reply_is_addressed_as_the_contract_says()
    {
        var inbound = new Activity
        {
            Type = "message", Id = "in-1", ServiceUrl = "https://smba.example/", ChannelId = "msteams", Locale = "en-GB",
            From = new ChannelAccount { Id = "29:user", Name = "Ann" },
            Recipient = new ChannelAccount { Id = "28:bot", Name = "Bot" },
            Conversation = new ConversationAccount { Id = "a:1", TenantId = "tenant" },
        };

        var reply = inbound.CreateReply("hello");

        Assert.Equal("28:bot", reply.From!.Id);
        Assert.Equal("29:user", reply.Recipient!.Id);
        Assert.Equal("a:1", reply.Conversation!.Id);
        Assert.Equal("tenant", reply.Conversation.TenantId);
        Assert.Equal("in-1", reply.ReplyToId);
        Assert.Equal("en-GB", reply.Locale);
        Assert.Equal("msteams", reply.ChannelId);
        Assert.Equal("https://smba.example/", reply.ServiceUrl);
    }

    [Fact]
    public void Card_serializes_with_type_discriminators_and_execute_fallback()
    {
        var card = new AdaptiveCard
        {
            Body = [new TextBlock("Title") { Weight = "Bolder" }, RichTextBlock.Plain("**not bold**"), new InputText { Id = "note" }],
            Actions = [ActionExecute.WithSubmitFallback("Go", "go", new Dictionary<string, object?> { ["k"] = "v" })],
        };

        var json = JsonSerializer.SerializeToElement(card, BotJson.Options);

        Assert.Equal("AdaptiveCard", json.GetProperty("type").GetString());
        Assert.Equal("1.5", json.GetProperty("version").GetString());
        Assert.Equal("TextBlock", json.GetProperty("body")[0].GetProperty("type").GetString());
        Assert.Equal("TextRun", json.GetProperty("body")[1].GetProperty("inlines")[0].GetProperty("type").GetString());
        Assert.Equal("note", json.GetProperty("body")[2].GetProperty("id").GetString());
        var action = json.GetProperty("actions")[0];
        Assert.Equal("Action.Execute", action.GetProperty("type").GetString());
        Assert.Equal("go", action.GetProperty("verb").GetString());
        Assert.Equal("Action.Submit", action.GetProperty("fallback").GetProperty("type").GetString());
        Assert.Equal("go", action.GetProperty("fallback").GetProperty("data").GetProperty("verb").GetString());
    }
}
