using System.Net;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Operations;

namespace TeamsItBot.Tests.Operations;

public sealed class AuthMetadataHealthCheckTests
{
    private const string Metadata = """{"issuer":"https://api.botframework.com","jwks_uri":"https://login.botframework.com/v1/.well-known/keys"}""";

    [Fact]
    public async Task Local_mode_is_ready_without_fetching_metadata()
    {
        var handler = new FakeHandler(HttpStatusCode.OK, Metadata);
        var check = CreateCheck(handler, new FakeTimeProvider(), appId: null);

        var result = await check.CheckHealthAsync(Context(check), TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(0, handler.Calls);
    }

    [Fact]
    public async Task Unreachable_metadata_is_unhealthy()
    {
        var handler = new FakeHandler(HttpStatusCode.ServiceUnavailable, "busy");
        var check = CreateCheck(handler, new FakeTimeProvider(), appId: "app");

        var result = await check.CheckHealthAsync(Context(check), TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("503", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_without_jwks_uri_is_unhealthy()
    {
        var check = CreateCheck(new FakeHandler(HttpStatusCode.OK, """{"issuer":"x"}"""), new FakeTimeProvider(), appId: "app");

        var result = await check.CheckHealthAsync(Context(check), TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

    [Fact]
    public async Task Success_is_remembered_for_a_minute_then_fetched_again()
    {
        var handler = new FakeHandler(HttpStatusCode.OK, Metadata);
        var time = new FakeTimeProvider();
        var check = CreateCheck(handler, time, appId: "app");
        var context = Context(check);

        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(context, TestContext.Current.CancellationToken)).Status);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(context, TestContext.Current.CancellationToken)).Status);
        Assert.Equal(1, handler.Calls);

        time.Advance(TimeSpan.FromSeconds(31));
        handler.Status = HttpStatusCode.InternalServerError;
        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(context, TestContext.Current.CancellationToken)).Status);
        Assert.Equal(2, handler.Calls);
    }

    private static AuthMetadataHealthCheck CreateCheck(FakeHandler handler, TimeProvider time, string? appId) => new(
        new FakeHttpClientFactory(handler),
        Options.Create(new BotFrameworkOptions { MicrosoftAppId = appId }),
        Options.Create(new HealthOptions()),
        time);

    private static HealthCheckContext Context(IHealthCheck check) =>
        new() { Registration = new HealthCheckRegistration("auth-metadata", check, HealthStatus.Unhealthy, null) };

    internal sealed class FakeHttpClientFactory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }

    internal sealed class FakeHandler(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public HttpStatusCode Status { get; set; } = status;

        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(new HttpResponseMessage(Status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
