using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TeamsItBot.Tests.Support;
using TeamsItBot.Tickets;
using TeamsItBot.Tickets.Outbox;

namespace TeamsItBot.Tests.Outbox;

public sealed class TicketOutboxTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private sealed class RecordingNotifier : ITicketNotifier
    {
        public List<OutboxItem> Notices { get; } = [];

        public Task NotifyAsync(OutboxItem item, CancellationToken cancellationToken)
        {
            Notices.Add(item);
            return Task.CompletedTask;
        }
    }

    private static (TicketOutbox Outbox, TicketOutboxWorker Worker, RecordingTicketService Tickets, RecordingNotifier Notifier, FakeTimeProvider Time) Create()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 8, 0, 0, TimeSpan.Zero));
        var options = Options.Create(new OutboxOptions { GiveUpAfter = TimeSpan.FromHours(1), InitialBackoff = TimeSpan.FromMinutes(1), MaxBackoff = TimeSpan.FromMinutes(10) });
        var store = new MemoryTicketOutboxStore();
        var tickets = new RecordingTicketService();
        var notifier = new RecordingNotifier();
        var outbox = new TicketOutbox(store, tickets, options, time, NullLogger<TicketOutbox>.Instance);
        var worker = new TicketOutboxWorker(outbox, store, notifier, options, time, NullLogger<TicketOutboxWorker>.Instance);
        return (outbox, worker, tickets, notifier, time);
    }

    private static TicketDraft Draft(string id = "draft-1") => new(id, "Printer offline", [], "Ann", "oid");

    /// <summary>
    /// A store that holds each confirmation between recording its item and returning, as a slow
    /// database round trip does, until the test opens the gate; <see cref="Recorded"/> counts who got there.
    /// </summary>
    private sealed class GatedRecordingStore(ITicketOutboxStore inner, int expected) : ITicketOutboxStore
    {
        private int _recorded;

        public TaskCompletionSource AllRecorded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<(OutboxItem Item, bool Added)> AddIfAbsentAsync(OutboxItem item, CancellationToken cancellationToken)
        {
            var result = await inner.AddIfAbsentAsync(item, cancellationToken);
            if (Interlocked.Increment(ref _recorded) == expected)
            {
                AllRecorded.TrySetResult();
            }

            await Gate.Task.WaitAsync(cancellationToken);
            return result;
        }

        public Task<OutboxItem?> GetAsync(string draftId, CancellationToken cancellationToken) => inner.GetAsync(draftId, cancellationToken);

        public Task<OutboxItem?> TryClaimAsync(string draftId, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
            inner.TryClaimAsync(draftId, owner, now, leaseUntil, cancellationToken);

        public Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken) =>
            inner.ClaimDueAsync(owner, now, leaseUntil, max, cancellationToken);

        public Task<bool> UpdateAsync(OutboxItem item, string owner, CancellationToken cancellationToken) => inner.UpdateAsync(item, owner, cancellationToken);

        public Task<bool> RearmAsync(string draftId, DateTimeOffset now, CancellationToken cancellationToken) => inner.RearmAsync(draftId, now, cancellationToken);

        public Task<int> DeleteSettledAsync(DateTimeOffset settledBefore, DateTimeOffset now, int max, CancellationToken cancellationToken) =>
            inner.DeleteSettledAsync(settledBefore, now, max, cancellationToken);
    }

    [Fact]
    public async Task A_fresh_confirmation_is_never_taken_by_a_polling_worker()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 8, 0, 0, TimeSpan.Zero));
        var options = Options.Create(new OutboxOptions());
        var store = new GatedRecordingStore(new MemoryTicketOutboxStore(), expected: 5);
        var tickets = new RecordingTicketService();
        var notifier = new RecordingNotifier();
        var outbox = new TicketOutbox(store, tickets, options, time, NullLogger<TicketOutbox>.Instance);
        var worker = new TicketOutboxWorker(outbox, store, notifier, options, time, NullLogger<TicketOutboxWorker>.Instance);

        // The worker polls while every confirmation is between recording its item and sending it.
        var submitting = Enumerable.Range(0, 5).Select(i => outbox.SubmitAsync(Draft($"draft-{i}"), null, Token)).ToList();
        await store.AllRecorded.Task.WaitAsync(Token);
        var taken = await worker.RunOnceAsync(Token);
        Assert.Equal(0, taken);

        store.Gate.SetResult();
        var outcomes = await Task.WhenAll(submitting);

        Assert.All(outcomes, o => Assert.Equal(OutboxOutcome.Created, o.Outcome));
        Assert.Equal(5, tickets.Drafts.Count);
    }

    [Fact]
    public async Task Transient_failures_are_retried_with_growing_delays_until_the_give_up_time_then_the_user_is_told()
    {
        var (outbox, worker, tickets, notifier, time) = Create();
        tickets.FailWith = new TicketException(TicketFailure.BackendUnavailable, "connection refused");

        var first = await outbox.SubmitAsync(Draft(), "target", Token);
        Assert.Equal(OutboxOutcome.Queued, first.Outcome);
        var delays = new List<TimeSpan>();
        var next = first.Item.NextAttemptAt;
        for (var pass = 0; pass < 20 && notifier.Notices.Count == 0; pass++)
        {
            delays.Add(next - time.GetUtcNow());
            time.SetUtcNow(next);
            await worker.RunOnceAsync(Token);
            next = (await outbox.GetAsync("draft-1", Token))!.NextAttemptAt;
        }

        var notice = Assert.Single(notifier.Notices);
        Assert.Equal((OutboxStatus.GivenUp, TicketFailure.BackendUnavailable), (notice.Status, notice.LastFailure));
        Assert.InRange(delays[0], TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1));
        Assert.InRange(delays[1], TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2));
        Assert.All(delays, d => Assert.True(d <= TimeSpan.FromMinutes(10)));
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 9, 0, 0, TimeSpan.Zero), time.GetUtcNow());
        Assert.False((await outbox.GetAsync("draft-1", Token))!.NotifyPending);
    }

    [Fact]
    public async Task A_queued_ticket_is_created_by_the_worker_and_announced_once()
    {
        var (outbox, worker, tickets, notifier, time) = Create();
        tickets.FailWith = new TicketException(TicketFailure.Timeout, "no answer");
        var queued = await outbox.SubmitAsync(Draft(), "target", Token);

        tickets.FailWith = null;
        time.SetUtcNow(queued.Item.NextAttemptAt);
        await worker.RunOnceAsync(Token);
        await worker.RunOnceAsync(Token);
        var again = await outbox.SubmitAsync(Draft(), "target", Token);

        Assert.Equal(OutboxStatus.Created, Assert.Single(notifier.Notices).Status);
        Assert.Equal((OutboxOutcome.AlreadyCreated, "ITSUPPORT-1"), (again.Outcome, again.Ticket!.Key));
        Assert.Single(tickets.Drafts);
    }

    [Fact]
    public async Task Permanent_refusal_is_not_queued()
    {
        var (outbox, worker, tickets, notifier, _) = Create();
        tickets.FailWith = new TicketException(TicketFailure.Rejected, "Jira rejected the issue: Field 'priority' is invalid") { BackendMessage = "Field 'priority' is invalid" };

        var refused = await outbox.SubmitAsync(Draft(), "target", Token);
        await worker.RunOnceAsync(Token);

        Assert.Equal(OutboxOutcome.Rejected, refused.Outcome);
        Assert.StartsWith("Jira did not accept the ticket.", refused.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("Field 'priority' is invalid", refused.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Field 'priority' is invalid", refused.Item.LastError, StringComparison.Ordinal);
        Assert.Empty(notifier.Notices);
    }
}
