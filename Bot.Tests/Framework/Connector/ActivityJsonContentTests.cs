using System.Net.Http.Json;
using System.Text.Json;
using TeamsItBot.Framework.Cards;
using TeamsItBot.Framework.Connector;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Tests.Framework.Connector;

public sealed class ActivityJsonContentTests
{
    [Fact]
    public async Task Sends_the_bytes_and_headers_JsonContent_sent()
    {
        var activity = SampleReply();
        using var expected = JsonContent.Create(activity, options: BotJson.Options);
        using var actual = new ActivityJsonContent(activity);

        Assert.Equal(expected.Headers.ContentType!.ToString(), actual.Headers.ContentType!.ToString());
        Assert.Equal("application/json; charset=utf-8", actual.Headers.ContentType.ToString());
        Assert.Null(actual.Headers.ContentLength);
        Assert.Equal(await ReadAsync(expected), await ReadAsync(actual));
        Assert.Equal(await ReadAsync(expected), await ReadAsync(actual));
    }

    [Fact]
    public async Task A_card_reply_is_written_with_relaxed_escaping_and_without_nulls()
    {
        using var content = new ActivityJsonContent(SampleReply());

        var json = System.Text.Encoding.UTF8.GetString(await ReadAsync(content));

        Assert.Contains("\"text\":\"Ça <marche> & \\\"ok\\\"\"", json, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"Action.Execute\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
    }

    private static async Task<byte[]> ReadAsync(HttpContent content)
    {
        using var stream = new MemoryStream();
        await content.CopyToAsync(stream, TestContext.Current.CancellationToken);
        return stream.ToArray();
    }

    private static Activity SampleReply()
    {
        var inbound = JsonSerializer.Deserialize<Activity>(
            """{"type":"message","id":"in-1","serviceUrl":"https://smba.example/","channelId":"msteams","from":{"id":"29:u","name":"Ann"},"conversation":{"id":"a:1","tenantId":"t","future":[1]},"recipient":{"id":"28:bot"},"channelData":{"tenant":{"id":"t"}}}""",
            BotJson.Options)!;
        var reply = inbound.CreateReply("Ça <marche> & \"ok\"");
        reply.Attachments =
        [
            new AdaptiveCard
            {
                Body = [new TextBlock("Title") { Weight = "Bolder" }, new Container([new TextBlock("b")]) { Style = "emphasis" }],
                Actions = [ActionExecute.WithSubmitFallback("Go", "go", new Dictionary<string, object?> { ["draftId"] = "d1", ["n"] = 2 })],
            }.ToAttachment(),
        ];
        reply.Value = new { ok = true };
        return reply;
    }
}
