using System.Collections.Immutable;
using System.Globalization;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;
using Xunit.Sdk;

namespace TeamsItBot.Tests.Testing;

/// <summary>
/// A scripted conversation, the SDK's TestFlow: <c>new TestFlow(adapter, bot).Send("hi").AssertReply("Hello").StartTestAsync(ct)</c>.
/// Each call returns a new flow, nothing runs before <see cref="StartTestAsync"/>. A send waits
/// for its whole turn, so the replies of a turn are all queued when the next assertion runs; the
/// timeout only matters for replies sent from the background (proactive notices).
/// As in the SDK, typing indicators are replies: assert them with <see cref="AssertTyping"/>.
/// Failures throw <see cref="XunitException"/> naming the step, what was expected and what came.
/// </summary>
public sealed class TestFlow
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    /// <summary>How long <see cref="AssertNoReply"/> watches for a late background reply by default.</summary>
    public static readonly TimeSpan DefaultNoReplyWait = TimeSpan.FromMilliseconds(100);

    private readonly ImmutableList<Step> _steps;

    public TestFlow(TestAdapter adapter, BotCallbackHandler callback)
        : this(adapter, callback, [], DefaultTimeout)
    {
    }

    public TestFlow(TestAdapter adapter, IBot bot)
        : this(adapter, (bot ?? throw new ArgumentNullException(nameof(bot))).OnTurnAsync)
    {
    }

    private TestFlow(TestAdapter adapter, BotCallbackHandler callback, ImmutableList<Step> steps, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        ArgumentNullException.ThrowIfNull(callback);
        Adapter = adapter;
        Callback = callback;
        _steps = steps;
        Timeout = timeout;
    }

    public TestAdapter Adapter { get; }

    public BotCallbackHandler Callback { get; }

    /// <summary>How long an assertion waits for a reply that is not queued yet.</summary>
    public TimeSpan Timeout { get; }

    public TestFlow WithTimeout(TimeSpan timeout) => new(Adapter, Callback, _steps, timeout);

    public TestFlow Send(string userSays) =>
        Then($"Send \"{userSays}\"", ct => Adapter.SendTextToBotAsync(userSays, Callback, ct));

    public TestFlow Send(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return Then($"Send {Describe(activity)}", ct => Adapter.ProcessActivityAsync(activity, Callback, ct));
    }

    /// <summary>Sends a conversationUpdate adding the user (the SDK's welcome trigger).</summary>
    public TestFlow SendConversationUpdate() =>
        Then("SendConversationUpdate", ct => Adapter.ProcessActivityAsync(Adapter.MakeConversationUpdate(), Callback, ct));

    /// <summary>Send then AssertReply, the SDK's shorthand.</summary>
    public TestFlow Test(string userSays, string expected) => Send(userSays).AssertReply(expected);

    /// <summary>The next reply is a message whose text is exactly <paramref name="expected"/>.</summary>
    public TestFlow AssertReply(string expected, string? description = null) =>
        Expect(description ?? $"AssertReply message \"{expected}\"", $"message \"{expected}\"",
            a => a.IsType(ActivityTypes.Message) && a.Text == expected);

    /// <summary>The next reply passes <paramref name="validate"/> (which asserts and throws on failure).</summary>
    public TestFlow AssertReply(Action<Activity> validate, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(validate);
        var name = description ?? "AssertReply(validate)";
        return NextReply(name, (reply, step) =>
        {
            try
            {
                validate(reply);
            }
            catch (Exception ex)
            {
                throw new XunitException($"{step}: the reply {Describe(reply)} failed validation: {ex.Message}", ex);
            }
        });
    }

    /// <summary>The next reply satisfies <paramref name="predicate"/>, described by <paramref name="description"/> in failures.</summary>
    public TestFlow AssertReply(Func<Activity, bool> predicate, string description)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return Expect($"AssertReply {description}", description, predicate);
    }

    public TestFlow AssertReplyContains(string fragment) =>
        Expect($"AssertReplyContains \"{fragment}\"", $"a message containing \"{fragment}\"",
            a => a.IsType(ActivityTypes.Message) && a.Text?.Contains(fragment, StringComparison.Ordinal) == true);

    public TestFlow AssertReplyOneOf(string[] candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var list = string.Join(" | ", candidates.Select(c => $"\"{c}\""));
        return Expect($"AssertReplyOneOf {list}", $"a message that is one of {list}",
            a => a.IsType(ActivityTypes.Message) && candidates.Contains(a.Text, StringComparer.Ordinal));
    }

    public TestFlow AssertTyping() =>
        Expect("AssertTyping", "a typing activity", a => a.IsType(ActivityTypes.Typing));

    /// <summary>No reply is queued, and none arrives within <paramref name="wait"/> (default <see cref="DefaultNoReplyWait"/>).</summary>
    public TestFlow AssertNoReply(string? description = null, TimeSpan? wait = null) =>
        Then(description ?? "AssertNoReply", async ct =>
        {
            if (await Adapter.GetNextReplyAsync(wait ?? DefaultNoReplyWait, ct) is { } reply)
            {
                throw new XunitException($"{description ?? "AssertNoReply"}: expected no reply, but got {Describe(reply)}.");
            }
        });

    /// <summary>The last invoke processed was answered with this response.</summary>
    public TestFlow AssertInvokeResponse(Action<InvokeResponse> validate)
    {
        ArgumentNullException.ThrowIfNull(validate);
        return Then("AssertInvokeResponse", _ =>
        {
            var response = Adapter.LastInvokeResponse
                ?? throw new XunitException("AssertInvokeResponse: no invoke activity has been processed.");
            validate(response);
            return Task.CompletedTask;
        });
    }

    public TestFlow Delay(TimeSpan delay) => Then($"Delay {delay.TotalMilliseconds} ms", ct => Task.Delay(delay, ct));

    public TestFlow Delay(int milliseconds) => Delay(TimeSpan.FromMilliseconds(milliseconds));

    /// <summary>Runs arbitrary code between steps (inspect storage, change a fake).</summary>
    public TestFlow Do(Func<Task> action, string description = "Do")
    {
        ArgumentNullException.ThrowIfNull(action);
        return Then(description, _ => action());
    }

    public async Task StartTestAsync(CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < _steps.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await _steps[i].Run(string.Create(CultureInfo.InvariantCulture, $"TestFlow step {i + 1} ({_steps[i].Description})"), cancellationToken);
        }
    }

    private TestFlow Then(string description, Func<CancellationToken, Task> run) =>
        new(Adapter, Callback, _steps.Add(new Step(description, (_, ct) => run(ct))), Timeout);

    private TestFlow Expect(string description, string expected, Func<Activity, bool> matches) =>
        NextReply(description, (reply, step) =>
        {
            if (!matches(reply))
            {
                throw new XunitException($"{step}: expected {expected}, but got {Describe(reply)}.");
            }
        });

    private TestFlow NextReply(string description, Action<Activity, string> check)
    {
        var timeout = Timeout;
        return new(Adapter, Callback, _steps.Add(new Step(description, async (step, ct) =>
        {
            var reply = await Adapter.GetNextReplyAsync(timeout, ct)
                ?? throw new XunitException($"{step}: no reply came within {timeout.TotalSeconds:0.###} s.");
            check(reply, step);
        })), timeout);
    }

    /// <summary>An activity in one line: type, text and attachment types.</summary>
    public static string Describe(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var text = activity.Text is null ? string.Empty : $" \"{activity.Text}\"";
        var attachments = activity.Attachments is { Count: > 0 } list
            ? $" [{string.Join(", ", list.Select(a => a.ContentType))}]"
            : string.Empty;
        return $"{activity.Type ?? "(no type)"}{text}{attachments}";
    }

    private sealed record Step(string Description, Func<string, CancellationToken, Task> Run);
}
