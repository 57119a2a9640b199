using System.Text.Json;

namespace TeamsItBot.Tickets.FollowUp;

/// <summary>
/// The searches: "my tickets" page by page and the change poller's "updated since", both read through
/// <see cref="SearchRangeAsync"/>, which pages jira_search the way mcp-atlassian 0.23.1 does on either
/// flavour (Cloud: page_token, start_at ignored, total -1; Server/DC: start_at against total), 50 at most a call.
/// </summary>
public sealed partial class McpTicketFollowUpService
{
    public async Task<TicketPage> FindMineAsync(string ownerObjectId, TicketCursor from, int max, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerObjectId);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        if (!from.IsWithinLimits) throw new ArgumentOutOfRangeException(nameof(from), from, "The cursor is outside the pages of my tickets.");

        // A page that starts among the done tickets has shown every open one already.
        var open = from.Done > 0 ? [] : await MineAsync(ownerObjectId, done: false, from.Open, max + 1, cancellationToken);
        List<TrackedTicket> shown;
        TicketCursor? next;
        if (open.Count > max)
        {
            shown = open[..max];
            next = new TicketCursor(from.Open + max, 0);
        }
        else
        {
            // Fewer than asked for: the open ones end on this page, the done ones follow.
            var room = max - open.Count;
            var done = await MineAsync(ownerObjectId, done: true, from.Done, room + 1, cancellationToken);
            shown = [.. open, .. done.Take(room)];
            next = done.Count > room ? new TicketCursor(from.Open + open.Count, from.Done + room) : null;
        }

        // The label decides, not the query: a backend that ignores a clause must not leak tickets. Positions
        // count what the search returned, so the pages stay in step whatever is left out here.
        var mine = shown.Where(t => TicketOwnership.IsOwnedBy(t.Labels, ownerObjectId)).ToList();
        return new TicketPage(mine, next is not null) { From = from, Next = next };
    }

    public async Task<IReadOnlyList<TrackedTicket>> FindUpdatedSinceAsync(DateTimeOffset since, int max, CancellationToken cancellationToken)
    {
        var minutes = (int)Math.Clamp(Math.Ceiling((DateTimeOffset.UtcNow - since).TotalMinutes), 1, 60 * 24 * 365);
        return await SearchRangeAsync("search_updated",
            (limit, token, startAt) => FollowUpArguments.UpdatedSince(ProjectKey, minutes, limit, token, startAt), skip: 0, max, cancellationToken);
    }

    private Task<List<TrackedTicket>> MineAsync(string ownerObjectId, bool done, int skip, int take, CancellationToken cancellationToken) =>
        SearchRangeAsync("search_mine",
            (limit, token, startAt) => FollowUpArguments.MyTickets(ProjectKey, ownerObjectId, done, limit, token, startAt), skip, take, cancellationToken);

    /// <summary>
    /// Results <paramref name="skip"/> to <paramref name="skip"/> + <paramref name="take"/> of one search, in its order;
    /// fewer only when the search has no more. Where the backend ignores start_at (Cloud), the results before
    /// <paramref name="skip"/> are read by page token and dropped here.
    /// </summary>
    private async Task<List<TrackedTicket>> SearchRangeAsync(string operation, Func<int, string?, int, Dictionary<string, object?>> arguments,
        int skip, int take, CancellationToken cancellationToken)
    {
        var found = new List<TrackedTicket>();
        string? token = null;

        // Index (in the search's order) of the first result the next call asks for. Cloud is read from the start.
        var next = StartAtIgnored ? 0 : skip;
        while (found.Count < take)
        {
            var asked = next;
            var limit = Math.Min(FollowUpArguments.MaxSearchLimit, take - found.Count + Math.Max(0, skip - next));
            var page = await SearchPageAsync(operation, arguments(limit, token, token is null ? next : 0), cancellationToken);

            // A page token continues where the last page ended; otherwise the page says where it starts
            // (Cloud answers 0 whatever start_at was asked for).
            var first = token is null ? page.StartAt ?? next : next;
            found.AddRange(page.Tickets.Skip(Math.Max(0, skip - first)).Take(take - found.Count));
            next = first + page.Tickets.Count;
            if (page.Tickets.Count == 0) break;
            if (page.NextPageToken is { } more)
            {
                token = more;
                continue;
            }

            // No token: the last of a token-paged search, or Server/DC, whose total says whether more follow
            // (unless the page did not move on: a backend that neither honours start_at nor hands out tokens).
            if (token is not null || page.Total < 0 || next >= page.Total || next <= asked) break;
        }

        return found;
    }

    /// <summary>Cloud's search ignores start_at; the local tracker and Server/DC honour it (either way the result is right, this saves calls).</summary>
    private bool StartAtIgnored => !ticketOptions.Value.UsesLocalTracker && ticketOptions.Value.EffectiveFlavor == JiraFlavor.Cloud;

    private async Task<SearchPage> SearchPageAsync(string operation, Dictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        var result = await mcp.CallToolAsync(operation, FollowUpTools.Search, arguments, cancellationToken);
        if (result.IsError == true)
        {
            ThrowIfAuthentication(result, operation);
            throw new TicketException(TicketFailure.ProtocolError, $"{operation}: jira_search refused: {Shorten(FollowUpResultReader.Text(result))}");
        }

        using var json = FollowUpResultReader.Parse(result);
        if (json is null || json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("issues", out var issues)
            || issues.ValueKind != JsonValueKind.Array)
        {
            throw Unreadable(operation, result);
        }

        var root = json.RootElement;
        var browseBase = endpoints.Resolve().BrowseBase;
        var tickets = issues.EnumerateArray().Select(i => FollowUpResultReader.Ticket(i, browseBase)).OfType<TrackedTicket>().ToList();
        var token = root.TryGetProperty("next_page_token", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() is { Length: > 0 } text ? text : null;
        return new SearchPage(tickets, token, Number(root, "total") ?? -1, Number(root, "start_at") is { } start && start >= 0 ? start : null);
    }

    private static int? Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt32(out var value) ? value : null;

    /// <summary>One jira_search answer: its tickets, Cloud's token for the next page, Server/DC's total (-1 when unknown), where it starts.</summary>
    private sealed record SearchPage(List<TrackedTicket> Tickets, string? NextPageToken, int Total, int? StartAt);
}
