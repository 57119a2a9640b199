using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Support.Understanding;

/// <summary>Conversations with the optional language model configured (a fake OpenAI-compatible server on 127.0.0.1).</summary>
public sealed class LanguageModelFlowTests : IAsyncLifetime
{
    // No keyword, phrase or intent of ours in it: the local matcher is unsure.
    private const string Unsure = "the gadget on my desk blinks orange and nothing comes out of it";

    private FakeChatModel _model = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _model = await FakeChatModel.StartAsync(Ct);

    public async ValueTask DisposeAsync() => await _model.DisposeAsync();

    [Fact]
    public async Task Without_a_model_the_unsure_phrase_gets_the_general_steps()
    {
        await using var bot = new SupportBot();
        await bot.Flow()
            .Send(Unsure)
            .AssertReplyContains("not sure which system")
            .StartTestAsync(Ct);
    }

    [Fact]
    public async Task Unsure_phrase_gets_the_guide_the_model_picks()
    {
        _model.Answer = FakeChatAnswer.Says("printer");
        await using var bot = WithModel();
        await bot.Flow()
            .Send(Unsure)
            .AssertReplyContains("Printer problems")
            .StartTestAsync(Ct);

        var request = Assert.Single(_model.Requests);
        Assert.Contains("printer: Printer problems", request.Messages[0].Content, StringComparison.Ordinal);
        Assert.Contains("OutOfScope:", request.Messages[0].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task German_unsure_phrase_gets_the_german_guide_the_model_picks()
    {
        _model.Answer = FakeChatAnswer.Says("printer");
        await using var bot = WithModel();
        await bot.Flow(new TestAdapter("msteams") { Locale = "de-DE" })
            .Send("Das Gerät auf meinem Tisch blinkt orange")
            .AssertReplyContains("Druckerprobleme")
            .StartTestAsync(Ct);
    }

    [Fact]
    public async Task Model_failure_leaves_the_local_answer()
    {
        _model.Answer = FakeChatAnswer.Fails(500);
        await using var bot = WithModel();
        await bot.Flow()
            .Send(Unsure)
            .AssertReplyContains("not sure which system")
            .StartTestAsync(Ct);
    }

    [Fact]
    public async Task Model_that_invents_a_guide_is_ignored()
    {
        _model.Answer = FakeChatAnswer.Says("1. Unplug the gadget. 2. Hit it firmly.");
        await using var bot = WithModel();
        await bot.Flow()
            .Send(Unsure)
            .AssertReply(a =>
            {
                Assert.Contains("not sure which system", a.Text, StringComparison.Ordinal);
                Assert.DoesNotContain("Hit it", a.Text, StringComparison.Ordinal);
            })
            .StartTestAsync(Ct);
    }

    [Fact]
    public async Task Model_can_place_an_intent_the_local_reading_missed()
    {
        _model.Answer = FakeChatAnswer.Says("OutOfScope");
        await using var bot = WithModel();
        await bot.Flow()
            .Send("the lift in building B smells of burnt toast")
            .AssertReplyContains("like an IT problem")
            .StartTestAsync(Ct);

        Assert.Single(_model.Requests);
    }

    [Theory]
    [InlineData("vpn keeps disconnecting")]
    [InlineData("I need a ticket")]
    [InlineData("thanks!")]
    public async Task Messages_the_local_reading_places_never_reach_the_model(string text)
    {
        _model.Answer = FakeChatAnswer.Says("printer");
        await using var bot = WithModel();
        await bot.Flow()
            .Send(text)
            .AssertReply(a => Assert.DoesNotContain("Printer problems", a.Text ?? string.Empty, StringComparison.Ordinal))
            .StartTestAsync(Ct);

        Assert.Empty(_model.Requests);
    }

    private SupportBot WithModel() => new(settings: new Dictionary<string, string?>
    {
        ["AI:Endpoint"] = _model.Endpoint,
        ["AI:Model"] = "fake-model",
        ["AI:ApiKey"] = "sk-flow-test",
        ["AI:Timeout"] = "00:00:05",
    });
}
