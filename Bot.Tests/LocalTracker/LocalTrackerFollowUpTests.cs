using System.Net;
using TeamsItBot.LocalTracker;
using TeamsItBot.Tickets;
using TeamsItBot.Tickets.FollowUp;

namespace TeamsItBot.Tests.LocalTracker;

/// <summary>The bot's follow-up calls against the embedded tracker, and the agent's forms on the browse page.</summary>
public sealed class LocalTrackerFollowUpTests : IDisposable
{
    private const string Ann = "oid-ann";
    private const string Bob = "oid-bob";
    private readonly string _data = LocalTrackerHost.NewDataDirectory();
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false });

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _http.Dispose();
        LocalTrackerHost.DeleteDataDirectory(_data);
    }

    private static TicketDraft Draft(string owner, string problem) => new(Guid.NewGuid().ToString("n"), problem, ["Restart"], "Ann Lee", owner);

    [Fact]
    public async Task Find_mine_comment_resolve_and_reopen_work_against_the_local_tracker()
    {
        await using var host = await LocalTrackerHost.StartAsync(_data);
        var vpn = await host.Tickets.CreateTicketAsync(Draft(Ann, "VPN drops"), Token);
        await host.Tickets.CreateTicketAsync(Draft(Bob, "Printer"), Token);
        var outlook = await host.Tickets.CreateTicketAsync(Draft(Ann, "Outlook"), Token);

        var mine = await host.FollowUp.FindMineAsync(Ann, 10, Token);
        Assert.Equal([outlook.Key, vpn.Key], mine.Tickets.Select(t => t.Key));
        Assert.All(mine.Tickets, t => Assert.Equal(("To Do", "To Do"), (t.Status, t.StatusCategory)));

        Assert.NotNull(await host.FollowUp.AddCommentAsync(vpn.Key, Ann, "Ann Lee", "Also on the dock", Token));
        var resolved = await host.FollowUp.ResolveAsync(vpn.Key, Ann, "Ann Lee", "works now", Token);
        Assert.Equal((TransitionOutcome.Moved, "Done"), (resolved!.Outcome, resolved.Ticket.Status));

        var after = await host.FollowUp.FindMineAsync(Ann, 10, Token);
        Assert.Equal([outlook.Key, vpn.Key], after.Tickets.Select(t => t.Key));
        Assert.True(after.Tickets[1].IsDone);

        var reopened = await host.FollowUp.ReopenAsync(vpn.Key, Ann, "Ann Lee", "it came back", Token);
        Assert.Equal((TransitionOutcome.Moved, "To Do"), (reopened!.Outcome, reopened.Ticket.Status));
        var ticket = await host.FollowUp.GetMineAsync(vpn.Key, Ann, Token);
        Assert.Equal(3, ticket!.Comments.Count);
        Assert.All(ticket.Comments, c => Assert.True(JiraCommentFormat.IsFromBot(c.Body)));
        Assert.All(ticket.Comments, c => Assert.Equal(LocalTrackerTools.ApiUserName, c.Author));
        Assert.Null(await host.FollowUp.GetMineAsync(vpn.Key, Bob, Token));
    }

    [Fact]
    public async Task My_tickets_pages_through_25_tickets_open_first_each_once_against_the_local_tracker()
    {
        await using var host = await LocalTrackerHost.StartAsync(_data);
        var open = new List<string>();
        var done = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            var key = (await host.Tickets.CreateTicketAsync(Draft(Ann, $"Problem {i}"), Token)).Key;
            (i % 3 == 0 ? done : open).Add(key);
            if (i % 4 == 0) await host.Tickets.CreateTicketAsync(Draft(Bob, $"Bob's problem {i}"), Token);
        }

        foreach (var key in done) Assert.Equal(TransitionOutcome.Moved, (await host.FollowUp.ResolveAsync(key, Ann, "Ann Lee", "works", Token))!.Outcome);
        open.Reverse();
        done.Reverse();

        var pages = new List<TicketPage>();
        for (TicketCursor? from = TicketCursor.First; from is not null && pages.Count < 5; from = pages[^1].Next)
        {
            pages.Add(await host.FollowUp.FindMineAsync(Ann, from, 10, Token));
        }

        Assert.Equal([10, 10, 5], pages.Select(p => p.Tickets.Count));
        Assert.Equal([.. open, .. done], pages.SelectMany(p => p.Tickets).Select(t => t.Key));
        Assert.Equal([0, 10, 20], pages.Select(p => p.From.Start));
        Assert.False(pages[^1].HasMore);
    }

    [Fact]
    public async Task Updated_since_finds_what_an_agent_changed_and_pages_through_everything()
    {
        await using var host = await LocalTrackerHost.StartAsync(_data);
        for (var i = 0; i < 55; i++) await host.Tickets.CreateTicketAsync(Draft(Ann, $"Problem {i}"), Token);

        var found = await host.FollowUp.FindUpdatedSinceAsync(DateTimeOffset.UtcNow.AddMinutes(-2), 500, Token);

        Assert.Equal(55, found.Select(t => t.Key).Distinct().Count());
    }

    [Fact]
    public async Task An_agent_comments_and_changes_the_status_on_the_browse_page()
    {
        await using var host = await LocalTrackerHost.StartAsync(_data);
        var vpn = await host.Tickets.CreateTicketAsync(Draft(Ann, "VPN drops"), Token);
        var page = vpn.BrowseUrl;
        var origin = $"{host.BaseUrl.Scheme}://{host.BaseUrl.Authority}";

        using var comment = await PostAsync(new Uri(page + "/comment"), origin, ("author", "Bo <Agent>"), ("body", "Try <script>alert(1)</script> & reboot"));
        using var start = await PostAsync(new Uri(page + "/transition"), origin, ("transition", "21"));
        using var invalid = await PostAsync(new Uri(page + "/transition"), origin, ("transition", "41"));

        Assert.Equal(HttpStatusCode.SeeOther, comment.StatusCode);
        Assert.Equal($"/local-jira/browse/{vpn.Key}", comment.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.SeeOther, start.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, invalid.StatusCode);
        var html = await _http.GetStringAsync(page, Token);
        Assert.Contains("<dt>Status</dt><dd>In Progress</dd>", html, StringComparison.Ordinal);
        Assert.Contains("Try &lt;script&gt;alert(1)&lt;/script&gt; &amp; reboot", html, StringComparison.Ordinal);
        Assert.Contains("Bo &lt;Agent&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("changed the status from To Do to In Progress", html, StringComparison.Ordinal);
        var ticket = await host.FollowUp.GetMineAsync(vpn.Key, Ann, Token);
        Assert.Equal("In Progress", ticket!.Status);
        var seen = Assert.Single(ticket.Comments);
        Assert.Equal(("Bo <Agent>", "Try <script>alert(1)</script> & reboot"), (seen.Author, seen.Body));
        Assert.False(JiraCommentFormat.IsFromBot(seen.Body));
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("null")]
    [InlineData(null)]
    public async Task Agent_forms_posted_from_another_site_are_refused(string? origin)
    {
        await using var host = await LocalTrackerHost.StartAsync(_data);
        var vpn = await host.Tickets.CreateTicketAsync(Draft(Ann, "VPN drops"), Token);

        using var comment = await PostAsync(new Uri(vpn.BrowseUrl + "/comment"), origin, ("body", "forged"));
        using var move = await PostAsync(new Uri(vpn.BrowseUrl + "/transition"), origin, ("transition", "31"));

        Assert.Equal(HttpStatusCode.Forbidden, comment.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, move.StatusCode);
        var ticket = await host.FollowUp.GetMineAsync(vpn.Key, Ann, Token);
        Assert.Equal("To Do", ticket!.Status);
        Assert.Empty(ticket.Comments);
    }

    [Theory]
    [InlineData("", HttpStatusCode.BadRequest)]
    [InlineData("x", HttpStatusCode.NotFound)]
    public async Task Bad_agent_comments_get_a_clear_4xx(string body, HttpStatusCode expected)
    {
        await using var host = await LocalTrackerHost.StartAsync(_data);
        var origin = $"{host.BaseUrl.Scheme}://{host.BaseUrl.Authority}";

        using var response = await PostAsync(new Uri(host.BaseUrl, "/local-jira/browse/ITSUPPORT-404/comment"), origin, ("body", body));

        Assert.Equal(expected, response.StatusCode);
    }

    private async Task<HttpResponseMessage> PostAsync(Uri url, string? origin, params (string Name, string Value)[] fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))),
        };
        if (origin is not null) request.Headers.Add("Origin", origin);
        return await _http.SendAsync(request, Token);
    }
}
