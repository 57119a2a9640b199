using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Framework.Hosting;

/// <summary>Bodies /api/messages must refuse with a clear problem+json 4xx, without running a turn.</summary>
public sealed class MessageEndpointValidationTests : IAsyncLifetime
{
    private const string ValidActivity = """{"type":"message","id":"1","serviceUrl":"http://127.0.0.1:9/","channelId":"msteams","conversation":{"id":"a:1"},"from":{"id":"29:u"},"recipient":{"id":"28:b"},"text":"hi"}""";

    private readonly DelegateBot _bot = new();
    private BotApplicationFactory _host = null!;

    public ValueTask InitializeAsync()
    {
        _host = new BotApplicationFactory(_bot);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Theory]
    [InlineData("{\"type\":\"message\",", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    [InlineData("[1,2,3]", "JSON object")]
    [InlineData("\"message\"", "JSON object")]
    [InlineData("null", "JSON object")]
    [InlineData("{\"type\":5,\"conversation\":{\"id\":\"a\"},\"serviceUrl\":\"http://127.0.0.1/\"}", "not valid JSON")]
    [InlineData("{\"conversation\":{\"id\":\"a:1\"},\"serviceUrl\":\"http://127.0.0.1:9/\"}", "type")]
    [InlineData("{\"type\":\"message\",\"serviceUrl\":\"http://127.0.0.1:9/\"}", "conversation.id")]
    [InlineData("{\"type\":\"message\",\"conversation\":{},\"serviceUrl\":\"http://127.0.0.1:9/\"}", "conversation.id")]
    [InlineData("{\"type\":\"message\",\"conversation\":{\"id\":\"a:1\"}}", "serviceUrl")]
    [InlineData("{\"type\":\"message\",\"conversation\":{\"id\":\"a:1\"},\"serviceUrl\":\"ftp://127.0.0.1/\"}", "http(s)")]
    [InlineData("{\"type\":\"message\",\"conversation\":{\"id\":\"a:1\"},\"serviceUrl\":\"/relative/path\"}", "http(s)")]
    [InlineData("{\"type\":\"message\",\"conversation\":{\"id\":\"a:1\"},\"serviceUrl\":\"javascript:alert(1)\"}", "http(s)")]
    public async Task Bad_body_is_refused_with_400_problem(string body, string detailMentions)
    {
        using var response = await PostAsync(Json(body));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, detailMentions);
    }

    [Fact]
    public async Task Nesting_deeper_than_64_levels_is_refused_with_400()
    {
        var deep = new string('[', 70) + new string(']', 70);
        var body = ValidActivity.Replace("\"text\":\"hi\"", $"\"value\":{deep}", StringComparison.Ordinal);

        using var response = await PostAsync(Json(body));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "deeper than 64");
    }

    [Fact]
    public async Task Nesting_within_64_levels_is_accepted()
    {
        // The activity object is level 1, "value" holds 62 more arrays: 63 levels in all.
        var deep = new string('[', 62) + new string(']', 62);
        var body = ValidActivity.Replace("\"text\":\"hi\"", $"\"value\":{deep}", StringComparison.Ordinal);

        using var response = await PostAsync(Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _bot.Turns);
    }

    [Theory]
    [InlineData("\"text\":\"hi\"")]
    [InlineData("\"futureField\":\"hi\"")]
    [InlineData("\"channelData\":{\"note\":\"hi\"}")]
    public async Task Invalid_utf8_is_refused_with_400(string fieldHoldingBadBytes)
    {
        var body = ValidActivity.Replace("\"text\":\"hi\"", fieldHoldingBadBytes, StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(body).ToList();
        var at = bytes.IndexOf((byte)'h', body.IndexOf(fieldHoldingBadBytes, StringComparison.Ordinal));
        bytes.InsertRange(at, new byte[] { 0xC3, 0x28, 0xFF });
        var content = new ByteArrayContent([.. bytes]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await PostAsync(content);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "UTF-8");
    }

    [Fact]
    public async Task Body_over_256_KB_with_content_length_is_refused_with_413()
    {
        var content = Json(Padded(256 * 1024 + 1));
        Assert.Equal(256 * 1024 + 1, content.Headers.ContentLength);

        using var response = await PostAsync(content);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "exceeds");
    }

    [Fact]
    public async Task Chunked_body_over_256_KB_without_content_length_is_refused_with_413()
    {
        var content = new ChunkedContent(Encoding.UTF8.GetBytes(Padded(300 * 1024)), "application/json");

        using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var client = _host.CreateBotClient();
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "exceeds");
    }

    [Fact]
    public async Task Body_of_exactly_256_KB_is_accepted_also_when_chunked()
    {
        using var sized = await PostAsync(Json(Padded(256 * 1024)));
        var second = Padded(256 * 1024).Replace("\"id\":\"1\"", "\"id\":\"2\"", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages") { Content = new ChunkedContent(Encoding.UTF8.GetBytes(second), "application/json") };
        request.Headers.TransferEncodingChunked = true;
        using var client = _host.CreateBotClient();
        using var chunked = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, sized.StatusCode);
        Assert.Equal(HttpStatusCode.OK, chunked.StatusCode);
        Assert.Equal(2, _bot.Turns);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task Non_json_content_type_is_refused_with_415(string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(ValidActivity));
        content.Headers.ContentType = contentType is null ? null : new MediaTypeHeaderValue(contentType);

        using var response = await PostAsync(content);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "application/json");
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/activity+json")]
    public async Task Json_content_types_are_accepted(string contentType)
    {
        var content = new StringContent(ValidActivity);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        using var response = await PostAsync(content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<HttpResponseMessage> PostAsync(HttpContent content)
    {
        using var client = _host.CreateBotClient();
        using (content)
        {
            return await client.PostAsync("api/messages", content, TestContext.Current.CancellationToken);
        }
    }

    private static ByteArrayContent Json(string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>A valid activity padded with trailing whitespace to exactly <paramref name="size"/> bytes.</summary>
    private static string Padded(int size) => ValidActivity + new string(' ', size - Encoding.UTF8.GetByteCount(ValidActivity));

    private async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detailMentions)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains(detailMentions, problem.RootElement.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, _bot.Turns);
    }

    /// <summary>Content with no known length, so HttpClient sends it chunked.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] _bytes;

        public ChunkedContent(byte[] bytes, string mediaType)
        {
            _bytes = bytes;
            Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            for (var offset = 0; offset < _bytes.Length; offset += 8192)
            {
                await stream.WriteAsync(_bytes.AsMemory(offset, Math.Min(8192, _bytes.Length - offset)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
