using TeamsItBot.Tickets;
using TeamsItBot.Tickets.FollowUp;

namespace TeamsItBot.Tests.Support;

/// <summary>For conversation tests without a ticket backend: every follow-up call finds the backend down.</summary>
internal sealed class UnreachableFollowUpService : ITicketFollowUpService
{
    private static TicketException Down => new(TicketFailure.BackendUnavailable, "no ticket backend in this test");

    public Task<TicketPage> FindMineAsync(string ownerObjectId, TicketCursor from, int max, CancellationToken cancellationToken) => throw Down;

    public Task<TrackedTicket?> GetMineAsync(string issueKey, string ownerObjectId, CancellationToken cancellationToken) => throw Down;

    public Task<TicketComment?> AddCommentAsync(string issueKey, string ownerObjectId, string authorName, string text, CancellationToken cancellationToken) => throw Down;

    public Task<TransitionResult?> ResolveAsync(string issueKey, string ownerObjectId, string authorName, string comment, CancellationToken cancellationToken) => throw Down;

    public Task<TransitionResult?> ReopenAsync(string issueKey, string ownerObjectId, string authorName, string comment, CancellationToken cancellationToken) => throw Down;

    public Task<IReadOnlyList<TrackedTicket>> FindUpdatedSinceAsync(DateTimeOffset since, int max, CancellationToken cancellationToken) => throw Down;
}
