using TeamsItBot.Framework.Dialogs;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.State;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Framework.Dialogs;

public sealed class WaterfallDialogTests
{
    private sealed record Device(string Name, int Age);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Steps_run_in_order_one_per_turn()
    {
        var waterfall = new WaterfallDialog("w",
        [
            async (step, ct) => { await step.Context.SendActivityAsync("step 1", ct); return Dialog.EndOfTurn; },
            async (step, ct) => { await step.Context.SendActivityAsync($"step 2 got {step.Result}", ct); return Dialog.EndOfTurn; },
            async (step, ct) => { await step.Context.SendActivityAsync($"step 3 got {step.Result}", ct); return await step.EndDialogAsync("done", ct); },
        ]);
        var harness = new DialogHarness(waterfall);

        await harness.Flow()
            .Send("hi").AssertReply("step 1")
            .Send("a").AssertReply("step 2 got a")
            .Send("b").AssertReply("step 3 got b")
            .Send("again").AssertReply("step 1")
            .StartTestAsync(Ct);

        Assert.Equal(new DialogTurnResult(DialogTurnStatus.Complete, "done"), harness.Results[2]);
        Assert.Equal(DialogTurnStatus.Waiting, harness.Results[3].Status);
    }

    [Fact]
    public async Task Values_of_every_shape_survive_turns_through_storage()
    {
        var waterfall = new WaterfallDialog("w",
        [
            (step, ct) =>
            {
                step.Values["name"] = "Ann";
                step.Values["count"] = 3;
                step.Values["big"] = 5_000_000_000L;
                step.Values["ratio"] = 0.5;
                step.Values["ok"] = true;
                step.Values["device"] = new Device("laptop", 2);
                step.Values["tags"] = new List<string> { "vpn", "wifi" };
                return Task.FromResult(Dialog.EndOfTurn);
            },
            async (step, ct) =>
            {
                // Casts work for primitives after the JSON round trip; records go through GetValue.
                var device = step.Values.GetValue<Device>("device")!;
                var tags = step.Values.GetValue<List<string>>("tags")!;
                tags.Add("teams");
                var text = $"{(string)step.Values["name"]!} {(int)step.Values["count"]!} {(long)step.Values["big"]!} {(double)step.Values["ratio"]!} {(bool)step.Values["ok"]!} {device.Name}/{device.Age} {string.Join(",", tags)}";
                await step.Context.SendActivityAsync(text, ct);
                return Dialog.EndOfTurn;
            },
            async (step, ct) =>
            {
                await step.Context.SendActivityAsync(string.Join(",", step.Values.GetValue<List<string>>("tags")!), ct);
                return await step.EndDialogAsync(null, ct);
            },
        ]);

        await new DialogHarness(waterfall).Flow()
            .Send("hi").AssertNoReply()
            .Send("next").AssertReply("Ann 3 5000000000 0.5 True laptop/2 vpn,wifi,teams")
            .Send("next").AssertReply("vpn,wifi,teams")
            .StartTestAsync(Ct);
    }

    [Fact]
    public async Task NextAsync_runs_the_following_step_in_the_same_turn_and_the_last_result_ends_the_dialog()
    {
        var waterfall = new WaterfallDialog("w",
        [
            (step, ct) => step.NextAsync(41, ct),
            async (step, ct) =>
            {
                await step.Context.SendActivityAsync($"got {step.Result}", ct);
                return await step.NextAsync((int)step.Result! + 1, ct);
            },
        ]);
        var harness = new DialogHarness(waterfall);

        await harness.Flow().Send("go").AssertReply("got 41").StartTestAsync(Ct);

        Assert.Equal(new DialogTurnResult(DialogTurnStatus.Complete, 42), harness.Results.Single());
    }

    [Fact]
    public async Task Options_are_readable_typed_on_later_turns()
    {
        var root = new WaterfallDialog("root",
        [
            (step, ct) => step.BeginDialogAsync("child", new Device("phone", 1), ct),
            async (step, ct) => { await step.Context.SendActivityAsync($"child returned {step.Result}", ct); return await step.EndDialogAsync(null, ct); },
        ]);
        var child = new WaterfallDialog("child",
        [
            async (step, ct) => { await step.Context.SendActivityAsync($"first {step.GetOptions<Device>()!.Name}", ct); return Dialog.EndOfTurn; },
            (step, ct) => step.EndDialogAsync($"{step.GetOptions<Device>()!.Name} {step.Result}", ct),
        ]);
        var component = new ComponentDialog("main");
        component.AddDialog(root).AddDialog(child);

        await new DialogHarness(component).Flow()
            .Send("hi").AssertReply("first phone")
            .Send("x").AssertReply("child returned phone x")
            .StartTestAsync(Ct);
    }

    [Fact]
    public async Task ReplaceDialog_restarts_with_new_options_without_resuming_the_parent()
    {
        var loop = new WaterfallDialog("loop",
        [
            async (step, ct) => { await step.Context.SendActivityAsync($"round {step.GetOptions<int>()}", ct); return Dialog.EndOfTurn; },
            (step, ct) => (string?)step.Result == "stop"
                ? step.EndDialogAsync("stopped", ct)
                : step.ReplaceDialogAsync("loop", step.GetOptions<int>() + 1, ct),
        ]);
        var root = new WaterfallDialog("root",
        [
            (step, ct) => step.BeginDialogAsync("loop", 1, ct),
            async (step, ct) => { await step.Context.SendActivityAsync($"loop ended: {step.Result}", ct); return await step.EndDialogAsync(null, ct); },
        ]);
        var component = new ComponentDialog("main");
        component.AddDialog(root).AddDialog(loop);

        await new DialogHarness(component).Flow()
            .Send("hi").AssertReply("round 1")
            .Send("more").AssertReply("round 2")
            .Send("more").AssertReply("round 3")
            .Send("stop").AssertReply("loop ended: stopped")
            .StartTestAsync(Ct);
    }

    [Fact]
    public async Task The_stack_survives_a_new_adapter_and_dialog_set_over_the_same_storage()
    {
        var storage = new MemoryStorage();

        static WaterfallDialog Build() => new("w",
        [
            async (step, ct) => { step.Values["first"] = step.Context.Activity.Text; await step.Context.SendActivityAsync("first?", ct); return Dialog.EndOfTurn; },
            async (step, ct) => { await step.Context.SendActivityAsync($"{step.Values["first"]} then {step.Result}", ct); return await step.EndDialogAsync(null, ct); },
        ]);

        async Task RunTurnAsync(TestAdapter adapter, string text)
        {
            // A fresh set, state and accessor per "process", as after a restart.
            var conversationState = new ConversationState(storage);
            var dialogs = new DialogSet(conversationState.CreateProperty<DialogState>("DialogState")).Add(Build());
            await adapter.SendTextToBotAsync(text, async (turnContext, ct) =>
            {
                var dc = await dialogs.CreateContextAsync(turnContext, ct);
                var result = await dc.ContinueDialogAsync(ct);
                if (result.Status == DialogTurnStatus.Empty)
                {
                    await dc.BeginDialogAsync("w", null, ct);
                }

                await conversationState.SaveChangesAsync(turnContext, cancellationToken: ct);
            }, Ct);
        }

        var before = new TestAdapter();
        await RunTurnAsync(before, "alpha");
        Assert.Equal("first?", before.GetNextReply()?.Text);

        var after = new TestAdapter();
        await RunTurnAsync(after, "beta");
        Assert.Equal("alpha then beta", after.GetNextReply()?.Text);

        // A different conversation over the same storage has its own stack.
        var other = new TestAdapter(TestAdapter.CreateConversation("conv2"));
        await RunTurnAsync(other, "gamma");
        Assert.Equal("first?", other.GetNextReply()?.Text);
    }

    [Fact]
    public async Task A_non_message_activity_leaves_the_waterfall_waiting()
    {
        var waterfall = new WaterfallDialog("w",
        [
            async (step, ct) => { await step.Context.SendActivityAsync("question", ct); return Dialog.EndOfTurn; },
            async (step, ct) => { await step.Context.SendActivityAsync($"answer {step.Result}", ct); return await step.EndDialogAsync(null, ct); },
        ]);

        await new DialogHarness(waterfall).Flow()
            .Send("hi").AssertReply("question")
            .Send(new TeamsItBot.Framework.Schema.Activity { Type = "typing" }).AssertNoReply()
            .Send("42").AssertReply("answer 42")
            .StartTestAsync(Ct);
    }
}
