using Microsoft.Extensions.Time.Testing;
using TeamsItBot.Framework.Connector;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Framework.Connector;

/// <summary>The serviceUrl guard: outbound calls only to vouched-for URLs (and loopback in local mode).</summary>
public sealed class TrustedServiceUrlsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData("http://127.0.0.1:3978/", true)]
    [InlineData("http://localhost:56150", true)]
    [InlineData("http://[::1]:8080/", true)]
    [InlineData("https://evil.example/", false)]
    [InlineData("http://localhost.evil.example/", false)]
    [InlineData("http://127.0.0.1.evil.example/", false)]
    [InlineData("ftp://127.0.0.1/", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("not a url", false)]
    [InlineData("", false)]
    public void Local_mode_trusts_loopback_only(string serviceUrl, bool trusted)
    {
        var urls = new TrustedServiceUrls(_time) { AllowLoopback = true };

        Assert.Equal(trusted, urls.IsTrusted(serviceUrl));
    }

    [Fact]
    public void Loopback_is_not_trusted_when_authentication_is_on()
    {
        var urls = new TrustedServiceUrls(_time);

        Assert.False(urls.IsTrusted("http://127.0.0.1:3978/"));
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/", true)]
    [InlineData("https://smba.trafficmanager.net/amer", true)]
    [InlineData("https://SMBA.trafficmanager.net/amer/", true)]
    [InlineData("https://smba.trafficmanager.net/emea/", false)]
    [InlineData("https://smba.trafficmanager.net/amer/../evil", false)]
    [InlineData("https://smba.trafficmanager.net.evil.example/amer/", false)]
    [InlineData("http://smba.trafficmanager.net/amer/", false)]
    public void Vouched_for_url_is_trusted_exactly(string serviceUrl, bool trusted)
    {
        var urls = new TrustedServiceUrls(_time);
        urls.Trust("https://smba.trafficmanager.net/amer/");

        Assert.Equal(trusted, urls.IsTrusted(serviceUrl));
    }

    [Fact]
    public void Trust_expires_after_a_day()
    {
        var urls = new TrustedServiceUrls(_time);
        urls.Trust("https://smba.trafficmanager.net/amer/");

        _time.Advance(TimeSpan.FromHours(23));
        Assert.True(urls.IsTrusted("https://smba.trafficmanager.net/amer/"));
        _time.Advance(TimeSpan.FromHours(2));
        Assert.False(urls.IsTrusted("https://smba.trafficmanager.net/amer/"));
    }

    [Fact]
    public void Factory_refuses_an_untrusted_url_without_creating_a_client()
    {
        var http = new RecordingHttpClientFactory();
        var factory = new ConnectorClientFactory(http, new StaticTokenProvider(null), new TrustedServiceUrls(_time) { AllowLoopback = true });

        var error = Assert.Throws<UntrustedServiceUrlException>(() => factory.Create("https://evil.example/"));

        Assert.Contains("evil.example", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, http.ClientsCreated);
        Assert.Empty(http.Requests);
    }

    [Fact]
    public async Task Factory_client_for_a_trusted_url_calls_it()
    {
        var http = new RecordingHttpClientFactory();
        var trusted = new TrustedServiceUrls(_time);
        trusted.Trust("https://smba.trafficmanager.net/amer/");
        var factory = new ConnectorClientFactory(http, new StaticTokenProvider("tok"), trusted);

        var client = factory.Create("https://smba.trafficmanager.net/amer/");
        var sent = await client.SendToConversationAsync("a:1", TeamsItBot.Framework.Schema.Activity.CreateMessageActivity("hi"), TestContext.Current.CancellationToken);

        Assert.Equal("recorded", sent.Id);
        var request = Assert.Single(http.Requests);
        Assert.Equal("https://smba.trafficmanager.net/amer/v3/conversations/a%3A1/activities", request.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer tok", request.Headers.Authorization?.ToString());
    }

    private sealed class RecordingHttpClientFactory : IHttpClientFactory
    {
        private readonly List<HttpRequestMessage> _requests = [];

        public int ClientsCreated { get; private set; }

        public IReadOnlyList<HttpRequestMessage> Requests => _requests;

        public HttpClient CreateClient(string name)
        {
            ClientsCreated++;
            return new HttpClient(new RecordingHandler(_requests));
        }
    }

    private sealed class RecordingHandler(List<HttpRequestMessage> requests) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            requests.Add(request);
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent("""{"id":"recorded"}""") });
        }
    }
}
