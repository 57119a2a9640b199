using TeamsItBot.Framework.Dialogs;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Tests.Framework.Dialogs;

public sealed class PromptTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A component whose waterfall asks one prompt and echoes the answer.</summary>
    private static DialogHarness Ask(Dialog prompt, PromptOptions options, Func<object?, string> echo)
    {
        var waterfall = new WaterfallDialog("ask",
        [
            (step, ct) => step.PromptAsync(prompt.Id, options, ct),
            async (step, ct) => { await step.Context.SendActivityAsync(echo(step.Result), ct); return await step.EndDialogAsync(step.Result, ct); },
        ]);
        var component = new ComponentDialog("main");
        component.AddDialog(waterfall).AddDialog(prompt);
        return new DialogHarness(component);
    }

    private static PromptOptions Options(string prompt, string? retry = null, IList<Choice>? choices = null) => new()
    {
        Prompt = Activity.CreateMessageActivity(prompt),
        RetryPrompt = retry is null ? null : Activity.CreateMessageActivity(retry),
        Choices = choices,
    };

    [Fact]
    public async Task TextPrompt_with_a_validator_reasks_with_the_retry_prompt_and_counts_attempts()
    {
        var attempts = new List<int>();
        var prompt = new TextPrompt("text", (pc, ct) =>
        {
            attempts.Add(pc.AttemptCount);
            return Task.FromResult(pc.Recognized.Succeeded && pc.Recognized.Value!.StartsWith("INC", StringComparison.Ordinal));
        });

        await Ask(prompt, Options("Ticket number?", "It starts with INC. Ticket number?"), r => $"got {r}").Flow()
            .Send("hi").AssertReply("Ticket number?")
            .Send("123").AssertReply("It starts with INC. Ticket number?")
            .Send("still wrong").AssertReply("It starts with INC. Ticket number?")
            .Send("INC42").AssertReply("got INC42")
            .StartTestAsync(Ct);

        Assert.Equal([1, 2, 3], attempts);
    }

    [Fact]
    public async Task TextPrompt_without_retry_prompt_repeats_the_prompt_and_replies_to_the_current_message()
    {
        var adapter = new TeamsItBot.Tests.Testing.TestAdapter();
        var harness = Ask(new TextPrompt("text", (pc, ct) => Task.FromResult(pc.Recognized.Value == "ok")), Options("Say ok"), r => $"{r}");
        var second = adapter.MakeActivity("nope");

        await harness.Flow(adapter)
            .Send("hi").AssertReply("Say ok")
            .Send(second).AssertReply(a =>
            {
                Assert.Equal("Say ok", a.Text);
                Assert.Equal(second.Id, a.ReplyToId);
            })
            .StartTestAsync(Ct);
    }

    [Fact]
    public async Task ChoicePrompt_matches_by_value_synonym_and_number_and_reprompts_on_bad_input()
    {
        var choices = new List<Choice>
        {
            new("Outlook") { Synonyms = ["mail", "email"] },
            new("Teams"),
            new("VPN"),
        };
        var harness = Ask(new ChoicePrompt("choice"), Options("Which app?", "Pick one of the apps.", choices), r => $"{((FoundChoice)r!).Value} #{((FoundChoice)r!).Index}");

        await harness.Flow()
            .Send("hi").AssertReply("Which app? (1) Outlook, (2) Teams, or (3) VPN")
            .Send("excel").AssertReply("Pick one of the apps. (1) Outlook, (2) Teams, or (3) VPN")
            .Send("teams").AssertReply("Teams #1")
            .Send("hi").AssertReply("Which app? (1) Outlook, (2) Teams, or (3) VPN")
            .Send("3").AssertReply("VPN #2")
            .Send("hi").AssertReply("Which app? (1) Outlook, (2) Teams, or (3) VPN")
            .Send("Email.").AssertReply("Outlook #0")
            .Send("hi").AssertReply("Which app? (1) Outlook, (2) Teams, or (3) VPN")
            .Send("the second one").AssertReply("Teams #1")
            .StartTestAsync(Ct);
    }

    [Fact]
    public async Task ChoicePrompt_renders_a_numbered_list_when_the_style_asks()
    {
        var choices = ChoiceFactory.ToChoices(["Restart the app", "Clear the cache"]);
        var options = Options("Try:", choices: choices);
        options.Style = ListStyle.List;

        await Ask(new ChoicePrompt("choice"), options, r => ((FoundChoice)r!).Value).Flow()
            .Send("hi").AssertReply("Try:\n\n1. Restart the app\n2. Clear the cache")
            .Send("clear the cache").AssertReply("Clear the cache")
            .StartTestAsync(Ct);
    }

    [Theory]
    [InlineData("outlook", 0)]
    [InlineData("  OUTLOOK!! ", 0)]
    [InlineData("#2", 1)]
    [InlineData("option 3", 2)]
    [InlineData("three", 2)]
    [InlineData("I think teams please", 1)]
    [InlineData("5", null)]
    [InlineData("outlook or teams", null)]
    [InlineData("", null)]
    [InlineData("my teams meeting", 3)]
    public void ChoiceRecognizer_finds_the_meant_choice(string utterance, int? expectedIndex)
    {
        var found = ChoiceRecognizer.Recognize(utterance, ChoiceFactory.ToChoices(["Outlook", "Teams", "VPN", "Teams meeting"]));
        Assert.Equal(expectedIndex, found?.Index);
    }

    [Fact]
    public async Task A_prompt_begun_without_options_fails_clearly()
    {
        var waterfall = new WaterfallDialog("w", [(step, ct) => step.BeginDialogAsync("text", null, ct)]);
        var component = new ComponentDialog("main");
        component.AddDialog(waterfall).AddDialog(new TextPrompt("text"));
        var harness = new DialogHarness(component);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => harness.Flow().Send("hi").StartTestAsync(Ct));
        Assert.Contains("PromptOptions", error.Message, StringComparison.Ordinal);
    }
}
