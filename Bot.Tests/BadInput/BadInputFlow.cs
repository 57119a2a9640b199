using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Tests.BadInput;

/// <summary>Drives one conversation to the ticket card with any problem text, then clicks it.</summary>
public sealed class BadInputFlow(BadInputHost host, string conversationId)
{
    /// <summary>"I need a ticket", then the problem as its description: the card carries the text as typed.</summary>
    public async Task<(string DraftId, string CardId)> TicketCardAsync(string problem)
    {
        Assert.Equal(200, (await host.PostAsync(host.Message("I need a ticket", conversationId))).Code);
        Assert.Equal(200, (await host.PostAsync(host.Message(problem, conversationId))).Code);
        var request = host.Connector.Requests.Last(r => r.Activity?.Conversation?.Id == conversationId && r.Activity.Attachments is { Count: > 0 }
            && JsonSerializer.Serialize(r.Activity.Attachments[0].Content, BotJson.Options).Contains("createTicket", StringComparison.Ordinal));
        var card = Card(request.Activity!);
        var draftId = FindString(card, "draftId") ?? throw new InvalidOperationException("The card has no draftId.");
        return (draftId, request.ResponseId!);
    }

    public async Task<RawAnswer> ConfirmAsync(string draftId, string cardId)
    {
        var node = JsonNode.Parse(host.Message("ignored", conversationId))!.AsObject();
        node["type"] = "invoke";
        node["name"] = "adaptiveCard/action";
        node["replyToId"] = cardId;
        node.Remove("text");
        node["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "createTicket", ["data"] = new JsonObject { ["draftId"] = draftId } },
            ["trigger"] = "manual",
        };
        return await host.PostAsync(node.ToJsonString());
    }

    public static JsonElement Card(Activity activity) =>
        JsonSerializer.SerializeToElement(activity.Attachments![0].Content, BotJson.Options);

    private static string? FindString(JsonElement element, string name)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == name && property.Value.ValueKind == JsonValueKind.String)
                    {
                        return property.Value.GetString();
                    }

                    if (FindString(property.Value, name) is { } found)
                    {
                        return found;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (FindString(item, name) is { } found)
                    {
                        return found;
                    }
                }

                break;
        }

        return null;
    }
}
