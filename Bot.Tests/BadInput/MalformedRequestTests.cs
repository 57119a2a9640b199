using System.Net;
using System.Text;

namespace TeamsItBot.Tests.BadInput;

/// <summary>Requests that are not activities at all: each gets its clear 4xx, never a 5xx, and the app keeps answering.</summary>
public sealed class MalformedRequestTests(BadInputFixture fixture) : IClassFixture<BadInputFixture>
{
    private BadInputHost Host => fixture.Host;

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("}")]
    [InlineData("[]")]
    [InlineData("[{\"type\":\"message\"}]")]
    [InlineData("null")]
    [InlineData("42")]
    [InlineData("\"message\"")]
    [InlineData("{\"type\":\"message\",}")]
    [InlineData("{\"type\":'message'}")]
    [InlineData("{\"type\":\"message\"} trailing")]
    [InlineData("{\"type\":\"message\" \"id\":\"1\"}")]
    [InlineData("{\"type\":\"message\",\"text\":\"unterminated}")]
    [InlineData("{\"type\":\"message\",\"text\":\"bad escape \\q\"}")]
    [InlineData("<activity type=\"message\"/>")]
    public async Task Malformed_json_is_a_400(string body)
    {
        var answer = await Host.PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("application/problem+json", await ContentTypeOf(body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("text/json; charset=utf-8")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/jsonx")]
    [InlineData("json")]
    [InlineData(";;;")]
    [InlineData(null)]
    public async Task Wrong_content_type_is_a_415(string? contentType)
    {
        var answer = await Host.PostAsync(Host.Message("Teams is not working"), contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, answer.Status);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Body_over_the_limit_is_a_413_with_or_without_a_length(bool chunked)
    {
        var text = new string('a', 300 * 1024);
        var answer = await Host.PostAsync(Encoding.UTF8.GetBytes(Host.Message(text)), chunked: chunked);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        await Host.AssertStillAnswersAsync();
    }

    [Theory]
    [InlineData(65)]
    [InlineData(1_000)]
    [InlineData(20_000)]
    public async Task Deeply_nested_json_is_a_400(int depth)
    {
        var nested = new string('[', depth) + new string(']', depth);
        var body = Host.Message("hi").TrimEnd('}') + ",\"channelData\":" + nested + "}";

        var answer = await Host.PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("nests deeper", answer.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("type", "type")]
    [InlineData("conversation", "conversation.id")]
    [InlineData("serviceUrl", "serviceUrl")]
    [InlineData("channelId", "channelId")]
    public async Task Missing_required_field_is_a_400_that_names_it(string field, string named)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(Host.Message("Teams is not working"))!.AsObject();
        node.Remove(field);

        var answer = await Host.PostAsync(node.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains(named, answer.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"serviceUrl\":\"ftp://example.com/\"")]
    [InlineData("\"serviceUrl\":\"not a url\"")]
    [InlineData("\"serviceUrl\":\"/relative/path\"")]
    [InlineData("\"type\":\"\"")]
    [InlineData("\"type\":\"   \"")]
    [InlineData("\"type\":5")]
    [InlineData("\"type\":null")]
    [InlineData("\"conversation\":\"a:1\"")]
    [InlineData("\"conversation\":{\"id\":5}")]
    [InlineData("\"conversation\":[]")]
    [InlineData("\"from\":\"29:user\"")]
    [InlineData("\"text\":{\"a\":1}")]
    [InlineData("\"text\":[\"a\"]")]
    [InlineData("\"attachments\":{}")]
    [InlineData("\"attachments\":\"x\"")]
    [InlineData("\"entities\":5")]
    [InlineData("\"timestamp\":\"yesterday\"")]
    [InlineData("\"membersAdded\":{}")]
    public async Task Wrongly_typed_field_is_a_400(string replacement)
    {
        var field = replacement[1..replacement.IndexOf('"', 1)];
        var node = System.Text.Json.Nodes.JsonNode.Parse(Host.Message("Teams is not working"))!.AsObject();
        node.Remove(field);
        var body = node.ToJsonString().TrimEnd('}') + "," + replacement + "}";

        var answer = await Host.PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
    }

    [Theory]
    [InlineData("\"value\":{\"verb\":\"createTicket\",\"draftId\":\"\\ud800\"}")]
    [InlineData("\"value\":{\"verb\":\"\\udc37createTicket\"}")]
    [InlineData("\"channelData\":{\"tenant\":{\"id\":\"\\ud83d<\"}}")]
    [InlineData("\"value\":{\"\\ud800key\":1}")]
    public async Task Lone_surrogate_escapes_anywhere_are_a_400(string field)
    {
        var body = Host.Message("x").TrimEnd('}') + "," + field + "}";

        var answer = await Host.PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("surrogate", answer.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"a\\\\ud800\"")]
    [InlineData("\"\\ud83d\\ude00\"")]
    [InlineData("\"\\\"\\u0041\"")]
    public async Task Escapes_that_are_valid_unicode_pass(string text)
    {
        var body = Host.Message("x").Replace("\"text\":\"x\"", "\"text\":" + text, StringComparison.Ordinal);

        var answer = await Host.PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea/")]
    [InlineData("http://10.0.0.8:3978/")]
    public async Task Local_mode_refuses_a_service_url_it_could_not_answer(string serviceUrl)
    {
        var body = Host.Message("Teams is not working").Replace(Host.Connector.ServiceUrl, serviceUrl, StringComparison.Ordinal);

        var answer = await Host.PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("loopback", answer.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("200 KB long", "longer than")]
    [InlineData("one over 2 KB", "longer than")]
    [InlineData("user info", "user info")]
    [InlineData("query", "query")]
    [InlineData("fragment", "fragment")]
    public async Task Oversized_or_malformed_service_url_is_a_400_that_says_why(string shape, string reason)
    {
        var own = Host.Connector.ServiceUrl;
        var serviceUrl = shape switch
        {
            "200 KB long" => own + new string('a', 200 * 1024) + "/",
            "one over 2 KB" => own + new string('a', 2049 - own.Length),
            "user info" => own.Replace("http://", "http://admin:secret@", StringComparison.Ordinal),
            "query" => own + "?next=1",
            "fragment" => own + "#top",
            _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, null),
        };
        var before = Host.Connector.Requests.Count;
        var body = Host.Message("Teams is not working").Replace(own, serviceUrl, StringComparison.Ordinal);

        var answer = await Host.PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("serviceUrl", answer.Body, StringComparison.Ordinal);
        Assert.Contains(reason, answer.Body, StringComparison.Ordinal);
        Assert.True(answer.Body.Length < 1024, "the answer must not echo the whole serviceUrl");
        Assert.Equal(before, Host.Connector.Requests.Count);
    }

    [Fact]
    public async Task Service_url_of_exactly_2_KB_is_accepted()
    {
        var own = Host.Connector.ServiceUrl;
        var conversation = "a:" + Guid.NewGuid().ToString("N");
        var serviceUrl = own + new string('a', 2047 - own.Length) + "/";
        var body = Host.Message("Teams is not working", conversation).Replace(own, serviceUrl, StringComparison.Ordinal);

        var answer = await Host.PostAsync(body);

        // The fake connector has no route under that path, so only the reader's verdict is checked.
        Assert.NotEqual(HttpStatusCode.BadRequest, answer.Status);
    }

    [Fact]
    public async Task Invalid_utf8_bytes_are_a_400()
    {
        var valid = Encoding.UTF8.GetBytes(Host.Message("Teams XX not working"));
        var at = Array.IndexOf(valid, (byte)'X');
        valid[at] = 0xC3;
        valid[at + 1] = 0x28;

        var answer = await Host.PostAsync(valid);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("UTF-8", answer.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Other_methods_on_the_endpoint_are_a_405(string method)
    {
        var answer = await Host.SendAsync(new HttpMethod(method), "api/messages");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, answer.Status);
    }

    [Fact]
    public async Task Bad_requests_never_reach_the_connector_and_leave_the_app_answering()
    {
        var before = Host.Connector.Requests.Count;
        foreach (var body in new[] { "{", "[]", "null", "{\"type\":\"message\"}" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await Host.PostAsync(body)).Status);
        }

        Assert.Equal(before, Host.Connector.Requests.Count);
        await Host.AssertStillAnswersAsync();
    }

    private async Task<string> ContentTypeOf(string body)
    {
        using var client = new HttpClient { BaseAddress = Host.App.ServerAddress };
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("api/messages", content, TestContext.Current.CancellationToken);
        return response.Content.Headers.ContentType?.ToString() ?? string.Empty;
    }
}
