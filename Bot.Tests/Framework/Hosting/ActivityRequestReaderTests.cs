using System.Text;
using System.Text.Json;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Tests.Framework.Hosting;

public sealed class ActivityRequestReaderTests
{
    [Fact]
    public void An_activity_reads_as_the_serializer_reads_it_with_unknown_fields_kept()
    {
        const string json = """
            {"type":"message","id":"1","serviceUrl":"https://smba.example/","channelId":"msteams",
             "from":{"id":"29:u","name":"Ann","futureField":1},"conversation":{"id":"a:1","extra":{"x":[1,2]}},
             "channelData":{"tenant":{"id":"t"}},"value":{"draftId":"d","n":[true,null]},"text":"h\u00e9","brandNew":{"deep":true}}
            """;

        var (activity, error) = ActivityRequestReader.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Null(error);
        var expected = JsonSerializer.Deserialize<Activity>(json, BotJson.Options);
        Assert.Equal(JsonSerializer.Serialize(expected, BotJson.Options), JsonSerializer.Serialize(activity, BotJson.Options));
        Assert.Equal("t", activity!.TenantId);
        Assert.Equal("hé", activity.Text);
        Assert.True(activity.Properties!["brandNew"].GetProperty("deep").GetBoolean());
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("  ", "not valid JSON")]
    [InlineData("nul", "not valid JSON")]
    [InlineData("[1,", "not valid JSON")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData(" 5 ", "must be a JSON object")]
    [InlineData("{\"type\":\"message\"} {}", "not valid JSON")]
    [InlineData("{\"type\":\"message\",\"conversation\":{\"id\":\"a\"},\"serviceUrl\":\"http://x/\",\"text\":\"\\uD800\"}", "not valid JSON")]
    public void Bad_bodies_are_told_apart(string body, string expected)
    {
        var (activity, error) = ActivityRequestReader.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Null(activity);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Depth_is_limited_in_objects_as_in_arrays()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 70)) + "1" + new string('}', 70);
        var body = "{\"type\":\"message\",\"conversation\":{\"id\":\"a\"},\"serviceUrl\":\"http://x/\",\"value\":" + deep + "}";

        var (activity, error) = ActivityRequestReader.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Null(activity);
        Assert.Contains("deeper than 64", error, StringComparison.Ordinal);
    }
}
