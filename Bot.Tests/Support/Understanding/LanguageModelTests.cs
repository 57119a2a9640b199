using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TeamsItBot.Support.Understanding.LanguageModel;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Support.Understanding;

/// <summary>The optional language model over a fake OpenAI-compatible server: it only ever selects one of our ids, and any trouble leaves the local answer.</summary>
public sealed class LanguageModelTests : IAsyncLifetime
{
    private const string Phrase = "the gadget on my desk blinks orange since this morning";
    private const string ApiKey = "sk-test-secret-4711";

    private static readonly ModelChoice[] Choices =
    [
        new("printer", "Printer problems"),
        new("vpn", "VPN will not connect"),
        new("TicketRequest", "asks for a ticket"),
    ];

    private readonly TestLogSink _logs = new();
    private FakeChatModel _model = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _model = await FakeChatModel.StartAsync(Ct);

    public async ValueTask DisposeAsync() => await _model.DisposeAsync();

    [Fact]
    public async Task Model_picks_a_topic_from_the_ids_it_was_given()
    {
        _model.Answer = FakeChatAnswer.Says("printer");
        using var chooser = Chooser();

        var chosen = await chooser.ChooseAsync(Phrase, Choices, Ct);

        Assert.Equal("printer", chosen);
        var request = Assert.Single(_model.Requests);
        Assert.Equal("fake-model", request.Model);
        Assert.Equal($"Bearer {ApiKey}", request.Authorization);
        var (role, system) = request.Messages[0];
        Assert.Equal("system", role);
        Assert.All(Choices, c => Assert.Contains($"{c.Id}: {c.Description}", system, StringComparison.Ordinal));
        Assert.Equal(("user", Phrase), request.Messages[^1]);
        AssertNothingSecretLogged();
    }

    [Fact]
    public async Task Model_slower_than_the_timeout_falls_back_within_the_timeout()
    {
        _model.Answer = FakeChatAnswer.Slow("printer", TimeSpan.FromSeconds(5));
        using var chooser = Chooser(TimeSpan.FromMilliseconds(300));

        var watch = Stopwatch.StartNew();
        var chosen = await chooser.ChooseAsync(Phrase, Choices, Ct);

        Assert.Null(chosen);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"waited {watch.Elapsed} for a 300 ms timeout");
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("did not answer within 300 ms", StringComparison.Ordinal));
        AssertNothingSecretLogged();
    }

    [Fact]
    public async Task Server_error_falls_back_after_one_try()
    {
        _model.Answer = FakeChatAnswer.Fails(500);
        using var chooser = Chooser();

        Assert.Null(await chooser.ChooseAsync(Phrase, Choices, Ct));

        Assert.Single(_model.Requests);
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("HTTP 500", StringComparison.Ordinal));
        AssertNothingSecretLogged();
    }

    [Theory]
    [InlineData("restart-router")]
    [InlineData("Try turning the printer off and on again, then reinstall the driver.")]
    [InlineData("")]
    [InlineData("none")]
    public async Task Answer_that_is_not_one_of_the_ids_is_ignored(string answer)
    {
        _model.Answer = FakeChatAnswer.Says(answer);
        using var chooser = Chooser();

        Assert.Null(await chooser.ChooseAsync(Phrase, Choices, Ct));
        AssertNothingSecretLogged();
    }

    [Theory]
    [InlineData("{ \"choices\": [ { \"message\": ")]
    [InlineData("<html>502 Bad Gateway</html>")]
    [InlineData("{\"unexpected\": true}")]
    public async Task Malformed_response_falls_back(string body)
    {
        _model.Answer = FakeChatAnswer.Raw(body);
        using var chooser = Chooser();

        Assert.Null(await chooser.ChooseAsync(Phrase, Choices, Ct));
        Assert.Contains(_logs.Entries, e => e.Level >= LogLevel.Debug && e.Message.Contains("local answer stands", StringComparison.Ordinal));
        AssertNothingSecretLogged();
    }

    [Fact]
    public async Task Unreachable_endpoint_falls_back()
    {
        var endpoint = _model.Endpoint;
        await _model.DisposeAsync();
        using var chooser = Chooser(endpoint: endpoint);

        Assert.Null(await chooser.ChooseAsync(Phrase, Choices, Ct));
        _model = await FakeChatModel.StartAsync(Ct);
    }

    [Theory]
    [InlineData("printer", "printer")]
    [InlineData(" \"vpn\". ", "vpn")]
    [InlineData("`PRINTER`", "printer")]
    [InlineData("{\"id\": \"TicketRequest\"}", "TicketRequest")]
    [InlineData("{\"id\": \"stapler\"}", null)]
    [InlineData("printer or vpn", null)]
    public void Reply_is_read_as_one_of_the_offered_ids_or_nothing(string reply, string? expected) =>
        Assert.Equal(expected, LanguageModelChooser.Parse(reply, Choices));

    [Fact]
    public async Task Without_an_endpoint_the_model_is_off_and_never_called()
    {
        using var chooser = new LanguageModelChooser(Options.Create(new LanguageModelOptions()), Logger());

        Assert.False(chooser.IsEnabled);
        Assert.Null(await chooser.ChooseAsync(Phrase, Choices, Ct));
        Assert.Empty(_model.Requests);
    }

    [Theory]
    [InlineData("not a url", "fake-model", "00:00:02", "AI:Endpoint")]
    [InlineData("ftp://models.example/v1", "fake-model", "00:00:02", "AI:Endpoint")]
    [InlineData("http://127.0.0.1:1/v1", "", "00:00:02", "AI:Model")]
    [InlineData("http://127.0.0.1:1/v1", "fake-model", "00:00:00", "AI:Timeout")]
    [InlineData("http://127.0.0.1:1/v1", "fake-model", "00:05:00", "AI:Timeout")]
    public void Half_configured_model_is_refused_at_start_up(string endpoint, string model, string timeout, string named)
    {
        var result = new LanguageModelOptionsValidator().Validate(null, new LanguageModelOptions { Endpoint = endpoint, Model = model, ApiKey = ApiKey, Timeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.True(result.Failed);
        Assert.Contains(named, result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void App_with_an_endpoint_but_no_model_refuses_to_start_and_names_the_setting_not_the_key()
    {
        using var app = TeamsItBot.Tests.Operations.OperationsTestHost.Create(new Dictionary<string, string?>
        {
            ["AI:Endpoint"] = _model.Endpoint,
            ["AI:ApiKey"] = ApiKey,
        }, environment: "Development");

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("AI:Model", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_model.Requests);
    }

    private LanguageModelChooser Chooser(TimeSpan? timeout = null, string? endpoint = null) => new(
        Options.Create(new LanguageModelOptions { Endpoint = endpoint ?? _model.Endpoint, Model = "fake-model", ApiKey = ApiKey, Timeout = timeout ?? TimeSpan.FromSeconds(5) }),
        Logger());

    private ILogger<LanguageModelChooser> Logger() => new LoggerFactory([_logs]).CreateLogger<LanguageModelChooser>();

    private void AssertNothingSecretLogged() => Assert.All(_logs.Entries, e =>
    {
        Assert.DoesNotContain(ApiKey, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("blinks orange", e.Message, StringComparison.Ordinal);
    });
}
