using TeamsItBot.Framework.Dialogs;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Framework.Dialogs;

public sealed class ComponentDialogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The SDK sample's interruption pattern: "help" and "cancel" work at any prompt.</summary>
    private class CancelAndHelpDialog(string id, bool cancelParents = false) : ComponentDialog(id)
    {
        protected override async Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken)
        {
            switch (innerDc.Context.Activity.Text?.Trim().ToLowerInvariant())
            {
                case "help":
                    await innerDc.Context.SendActivityAsync("Help: answer the question.", cancellationToken);
                    return new DialogTurnResult(DialogTurnStatus.Waiting);
                case "cancel":
                    await innerDc.Context.SendActivityAsync("Cancelled.", cancellationToken);
                    return await innerDc.CancelAllDialogsAsync(cancelParents, cancellationToken);
                default:
                    return await base.OnContinueDialogAsync(innerDc, cancellationToken);
            }
        }
    }

    private sealed class DeviceDialog : CancelAndHelpDialog
    {
        public DeviceDialog(string id, bool cancelParents = false)
            : base(id, cancelParents)
        {
            AddDialog(new WaterfallDialog("device-steps",
            [
                (step, ct) => step.PromptAsync("text", Ask("Which device?"), ct),
                (step, ct) =>
                {
                    step.Values["device"] = step.Result;
                    return step.PromptAsync("confirm", Ask($"Is {step.Result} yours?"), ct);
                },
                (step, ct) => step.EndDialogAsync($"{step.Values["device"]}:{step.Result}", ct),
            ]));
            AddDialog(new TextPrompt("text"));
            AddDialog(new TextPrompt("confirm"));
        }
    }

    private static PromptOptions Ask(string text) => new() { Prompt = Activity.CreateMessageActivity(text) };

    [Fact]
    public async Task Help_answers_and_the_dialog_continues_where_it_was()
    {
        await new DialogHarness(new DeviceDialog("device")).Flow()
            .Send("hi").AssertReply("Which device?")
            .Send("help").AssertReply("Help: answer the question.").AssertNoReply()
            .Send("laptop").AssertReply("Is laptop yours?")
            .Send("HELP").AssertReply("Help: answer the question.")
            .Send("yes").AssertNoReply()
            .StartTestAsync(Ct);
    }

    [Fact]
    public async Task Cancel_ends_the_component_and_the_next_message_starts_over()
    {
        var harness = new DialogHarness(new DeviceDialog("device"));
        var adapter = new TestAdapter();

        await harness.Flow(adapter)
            .Send("hi").AssertReply("Which device?")
            .Send("laptop").AssertReply("Is laptop yours?")
            .Send("cancel").AssertReply("Cancelled.").AssertNoReply()
            .Do(async () => Assert.Empty((await harness.ReadStoredStateAsync(adapter))!.DialogStack), "stack is empty in storage")
            .Send("hi").AssertReply("Which device?")
            .StartTestAsync(Ct);
    }

    [Fact]
    public async Task A_nested_component_resumes_its_parent_with_its_result()
    {
        var main = new ComponentDialog("main");
        main.AddDialog(new WaterfallDialog("main-steps",
        [
            async (step, ct) => { await step.Context.SendActivityAsync("Let's check your device.", ct); return await step.BeginDialogAsync("device", null, ct); },
            async (step, ct) => { await step.Context.SendActivityAsync($"Device check: {step.Result}", ct); return await step.EndDialogAsync(step.Result, ct); },
        ]));
        main.AddDialog(new DeviceDialog("device"));
        var harness = new DialogHarness(main);

        await harness.Flow()
            .Send("hi").AssertReply("Let's check your device.").AssertReply("Which device?")
            .Send("phone").AssertReply("Is phone yours?")
            .Send("nope").AssertReply("Device check: phone:nope")
            .StartTestAsync(Ct);

        Assert.Equal(new DialogTurnResult(DialogTurnStatus.Complete, "phone:nope"), harness.Results[^1]);
    }

    [Fact]
    public async Task Cancel_in_a_nested_component_resumes_the_parent_with_null_unless_parents_are_cancelled_too()
    {
        static ComponentDialog Main(bool cancelParents)
        {
            var main = new ComponentDialog("main");
            main.AddDialog(new WaterfallDialog("main-steps",
            [
                (step, ct) => step.BeginDialogAsync("device", null, ct),
                async (step, ct) => { await step.Context.SendActivityAsync($"Device check: {step.Result ?? "none"}", ct); return await step.EndDialogAsync(null, ct); },
            ]));
            main.AddDialog(new DeviceDialog("device", cancelParents));
            return main;
        }

        var resumed = new DialogHarness(Main(cancelParents: false));
        await resumed.Flow()
            .Send("hi").AssertReply("Which device?")
            .Send("cancel").AssertReply("Cancelled.").AssertReply("Device check: none")
            .StartTestAsync(Ct);

        var adapter = new TestAdapter();
        var everything = new DialogHarness(Main(cancelParents: true));
        await everything.Flow(adapter)
            .Send("hi").AssertReply("Which device?")
            .Send("cancel").AssertReply("Cancelled.").AssertNoReply()
            .Do(async () => Assert.Empty((await everything.ReadStoredStateAsync(adapter))!.DialogStack), "stack is empty in storage")
            .StartTestAsync(Ct);
        Assert.Equal(DialogTurnStatus.Cancelled, everything.Results[^1].Status);
    }

    [Fact]
    public async Task Inner_stack_of_a_component_survives_a_restart()
    {
        var storage = new TeamsItBot.Framework.State.MemoryStorage();

        await new DialogHarness(new DeviceDialog("device"), storage).Flow()
            .Send("hi").AssertReply("Which device?")
            .Send("tablet").AssertReply("Is tablet yours?")
            .StartTestAsync(Ct);

        var restarted = new DialogHarness(new DeviceDialog("device"), storage);
        await restarted.Flow(new TestAdapter())
            .Send("help").AssertReply("Help: answer the question.")
            .Send("yes").AssertNoReply()
            .StartTestAsync(Ct);
        Assert.Equal(new DialogTurnResult(DialogTurnStatus.Complete, "tablet:yes"), restarted.Results[^1]);
    }
}
