using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TeamsItBot.Tests.Support;
using TeamsItBot.Tickets;
using TeamsItBot.Tickets.Evidence;
using TeamsItBot.Tickets.Outbox;

namespace TeamsItBot.Tests.Outbox;

/// <summary>The evidence goes on after the ticket exists and can never make a second one, across a restart too.</summary>
public sealed class OutboxEvidenceTests
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 8, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static TicketDraft Draft() => new("draft-e", "Printer offline", [], "Ann", "oid", Evidence: new TicketEvidence(
        [new TranscriptTurn(Now, true, "Ann", "Printer offline")], [new EvidenceFile("f1/shot.png", "shot.png", "image/png", 10)]));

    [Fact]
    public async Task A_restart_between_create_and_upload_attaches_the_evidence_without_filing_again()
    {
        var time = new FakeTimeProvider(Now);
        var options = Options.Create(new OutboxOptions());
        var store = new MemoryTicketOutboxStore();
        var tickets = new RecordingTicketService();
        var outbox = new TicketOutbox(store, tickets, options, time, NullLogger<TicketOutbox>.Instance);
        var notifier = new RecordingNotifier();
        var worker = new TicketOutboxWorker(outbox, store, notifier, options, time, NullLogger<TicketOutboxWorker>.Instance);
        // The instance that recorded the draft created the ticket, then died before the upload and before saving the key.
        var draft = Draft();
        await store.AddIfAbsentAsync(OutboxItem.New(draft, "target", Now) with
        {
            Status = OutboxStatus.Sending, Attempts = 1, LeaseOwner = "dead-instance", LeaseUntil = Now + options.Value.LeaseDuration,
        }, Token);
        var made = await tickets.CreateTicketAsync(draft, Token);
        time.Advance(options.Value.LeaseDuration + TimeSpan.FromSeconds(1));

        await worker.RunOnceAsync(Token);

        var item = await store.GetAsync(draft.Id, Token);
        Assert.Equal(OutboxStatus.Created, item!.Status);
        Assert.Equal(made.Key, item.TicketKey);
        Assert.Single(tickets.Drafts);
        var (key, uploaded) = Assert.Single(tickets.EvidenceUploads);
        Assert.Equal(made.Key, key);
        Assert.Equal("shot.png", Assert.Single(uploaded.Evidence!.Files).FileName);
        // The user's notice names what could not be attached.
        var notice = Assert.Single(notifier.Notices);
        Assert.Equal("shot.png", Assert.Single(notice.Draft.Evidence!.Unattached!).FileName);
    }

    [Fact]
    public async Task An_upload_that_throws_leaves_the_ticket_created_once()
    {
        var time = new FakeTimeProvider(Now);
        var outbox = new TicketOutbox(new MemoryTicketOutboxStore(), new ThrowingUploads(), Options.Create(new OutboxOptions()), time, NullLogger<TicketOutbox>.Instance);

        var submission = await outbox.SubmitAsync(Draft(), null, Token);

        Assert.Equal(OutboxOutcome.Created, submission.Outcome);
        Assert.Equal("ITSUPPORT-7", submission.Ticket!.Key);
        Assert.Equal(["shot.png"], submission.Item.Draft.Evidence!.Unattached!.Select(u => u.FileName));
    }

    private sealed class ThrowingUploads : ITicketService
    {
        public Task<TicketResult> CreateTicketAsync(TicketDraft draft, CancellationToken cancellationToken) =>
            Task.FromResult(new TicketResult("ITSUPPORT-7", new Uri("https://jira.example/browse/ITSUPPORT-7")));

        public Task<TicketResult?> FindByDraftAsync(string draftId, CancellationToken cancellationToken) => Task.FromResult<TicketResult?>(null);

        public Task<AttachmentReport> AttachEvidenceAsync(TicketResult ticket, TicketDraft draft, CancellationToken cancellationToken) =>
            throw new IOException("disk gone");
    }

    private sealed class RecordingNotifier : ITicketNotifier
    {
        public List<OutboxItem> Notices { get; } = [];

        public Task NotifyAsync(OutboxItem item, CancellationToken cancellationToken)
        {
            Notices.Add(item);
            return Task.CompletedTask;
        }
    }
}
