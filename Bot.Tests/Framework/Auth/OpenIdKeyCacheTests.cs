using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TeamsItBot.Framework.Auth;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Framework.Auth;

public sealed class OpenIdKeyCacheTests
{
    [Fact]
    public async Task Keys_are_fetched_again_after_the_refresh_interval()
    {
        await using var server = await LocalOpenIdServer.StartAsync(TestContext.Current.CancellationToken);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var cache = new OpenIdKeyCache(new LoopbackHttpClientFactory(), time, NullLogger<OpenIdKeyCache>.Instance);

        await cache.GetKeysAsync(server.BotFrameworkMetadataUrl, keyId: null, TestContext.Current.CancellationToken);
        time.Advance(OpenIdKeyCache.RefreshInterval - TimeSpan.FromMinutes(1));
        await cache.GetKeysAsync(server.BotFrameworkMetadataUrl, keyId: null, TestContext.Current.CancellationToken);
        Assert.Equal(1, server.BotFrameworkMetadataRequests);

        time.Advance(TimeSpan.FromMinutes(2));
        await cache.GetKeysAsync(server.BotFrameworkMetadataUrl, keyId: null, TestContext.Current.CancellationToken);
        Assert.Equal(2, server.BotFrameworkMetadataRequests);
    }

    [Fact]
    public async Task Endorsements_are_read_from_the_jwks()
    {
        await using var server = await LocalOpenIdServer.StartAsync(TestContext.Current.CancellationToken);
        var webChatKey = server.AddBotFrameworkKey("webchat", "directline");
        var cache = new OpenIdKeyCache(new LoopbackHttpClientFactory(), TimeProvider.System, NullLogger<OpenIdKeyCache>.Instance);

        var keys = await cache.GetKeysAsync(server.BotFrameworkMetadataUrl, webChatKey, TestContext.Current.CancellationToken);

        Assert.NotNull(keys);
        var key = Assert.Single(keys.Keys, k => k.Key.KeyId == webChatKey);
        Assert.Equal(["webchat", "directline"], key.Endorsements);
        Assert.False(key.IsEndorsedFor("msteams"));
    }

    [Fact]
    public async Task Plain_http_metadata_off_loopback_is_never_requested()
    {
        var handler = new CountingHandler();
        var cache = new OpenIdKeyCache(new LoopbackHttpClientFactory(handler), TimeProvider.System, NullLogger<OpenIdKeyCache>.Instance);

        var keys = await cache.GetKeysAsync("http://metadata.example/.well-known/openid-configuration", keyId: null, TestContext.Current.CancellationToken);

        Assert.Null(keys);
        Assert.Equal(0, handler.Requests);
    }

    private sealed class LoopbackHttpClientFactory(HttpMessageHandler? handler = null) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) =>
            new(handler ?? new SocketsHttpHandler(), disposeHandler: handler is null) { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Answers every request with 404 and counts them.</summary>
    private sealed class CountingHandler : HttpMessageHandler
    {
        private int _requests;

        public int Requests => _requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.NotFound));
        }
    }
}
