using TeamsItBot.Tests.Support;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Notifications;

/// <summary>Settings of a bot that polls for ticket changes every second, and ways to read its notices at the fake connector.</summary>
internal static class NotificationSettings
{
    public static IReadOnlyDictionary<string, string?> Fast { get; } = new Dictionary<string, string?>
    {
        ["Tickets:FollowUp:NotificationsEnabled"] = "true",
        ["Tickets:FollowUp:PollIntervalSeconds"] = "1",
    };

    /// <summary>The change notices that reached a conversation (card JSON), in order.</summary>
    public static List<string> Notices(FakeConnector connector, string conversationId) =>
        [.. connector.Delivered
            .Where(a => a.Conversation?.Id == conversationId && a.Text?.StartsWith("Update on ", StringComparison.Ordinal) == true)
            .Select(a => SupportBot.CardJson(a).GetRawText())];

    /// <summary>Every "text" of a card (TextBlocks and text runs), in document order.</summary>
    public static List<string> TextsOf(string cardJson)
    {
        var texts = new List<string>();
        void Walk(System.Text.Json.JsonElement element)
        {
            if (element.ValueKind == System.Text.Json.JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "text" && property.Value.ValueKind == System.Text.Json.JsonValueKind.String) texts.Add(property.Value.GetString()!);
                    else Walk(property.Value);
                }
            }
            else if (element.ValueKind == System.Text.Json.JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray()) Walk(item);
            }
        }

        using var json = System.Text.Json.JsonDocument.Parse(cardJson);
        Walk(json.RootElement);
        return texts;
    }

    public static async Task WaitForNoticesAsync(FakeConnector connector, string conversationId, int count, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        try
        {
            await WaitUntilAsync(() => Notices(connector, conversationId).Count >= count, cancellationToken, timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{conversationId} got {Notices(connector, conversationId).Count} of {count} notices.");
        }
    }

    public static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(25));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition was not met in time.");
            await Task.Delay(100, cancellationToken);
        }
    }
}
