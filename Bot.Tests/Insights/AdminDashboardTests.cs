using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TeamsItBot.Insights;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Insights;

/// <summary>The dashboard, its JSON summary and the CSV over HTTP: the numbers are the events', user text is shown literally.</summary>
public sealed class AdminDashboardTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dashboard_and_summary_show_the_numbers_of_the_events_and_encode_user_text()
    {
        await using var app = AdminAccessTests.DevelopmentApp();
        using var client = AdminAccessTests.NoRedirects(app);
        var store = app.Services.GetRequiredService<IOutcomeEventStore>();
        var now = DateTimeOffset.UtcNow;
        await store.AddAsync(
        [
            Event("1", now.AddMinutes(-50), ProblemOutcome.Solved, "vpn", "en") with { Surveyed = true, Feedback = FeedbackRating.Up, FeedbackComment = "<img src=x onerror=alert(2)>" },
            Event("2", now.AddMinutes(-40), ProblemOutcome.Solved, "outlook", "de"),
            Event("3", now.AddMinutes(-30), ProblemOutcome.TicketCreated, "vpn", "en") with { Duration = TimeSpan.FromSeconds(90) },
            Event("4", now.AddMinutes(-20), ProblemOutcome.TicketCreated, null, "en") with { Duration = TimeSpan.FromSeconds(30) },
            Event("5", now.AddMinutes(-10), ProblemOutcome.Unmatched, null, "en") with { UnmatchedText = "<script>alert(1)</script> my stapler" },
            Event("6", now.AddMinutes(-5), ProblemOutcome.OutOfScope, null, "en"),
            Event("old", now.AddDays(-60), ProblemOutcome.Solved, "vpn", "en"),
        ], Token);

        var summary = JsonDocument.Parse(await (await client.SendAsync(AdminAccessTests.AsAdmin("admin/api/summary?days=30"), Token)).Content.ReadAsStringAsync(Token)).RootElement;
        Assert.Equal(5, summary.GetProperty("problems").GetInt32());
        Assert.Equal(2, summary.GetProperty("solved").GetInt32());
        Assert.Equal(2, summary.GetProperty("ticketsCreated").GetInt32());
        Assert.Equal(0.4, summary.GetProperty("deflectionRate").GetDouble(), 6);
        Assert.Equal(60, summary.GetProperty("medianSecondsToTicket").GetDouble(), 6);
        Assert.Equal(1, summary.GetProperty("byOutcome").GetProperty("out_of_scope").GetInt32());
        Assert.Equal(1, summary.GetProperty("feedbackUp").GetInt32());

        var response = await client.SendAsync(AdminAccessTests.AsAdmin("admin?days=30"), Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Token);
        Assert.Contains("<b id=\"kpi-problems\">5</b>", html, StringComparison.Ordinal);
        Assert.Contains("<b id=\"kpi-deflection\">40 %</b>", html, StringComparison.Ordinal);
        Assert.Contains("<b id=\"kpi-tickets\">2</b>", html, StringComparison.Ordinal);
        Assert.Contains("<b id=\"kpi-median-ticket\">60 s</b>", html, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"chart\"", html, StringComparison.Ordinal);
        Assert.Contains("data-label=\"vpn\" data-value=\"50\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; my stapler", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_export_lists_the_events_with_escaped_cells()
    {
        await using var app = AdminAccessTests.DevelopmentApp();
        using var client = AdminAccessTests.NoRedirects(app);
        var store = app.Services.GetRequiredService<IOutcomeEventStore>();
        var now = DateTimeOffset.UtcNow;
        await store.AddAsync(
        [
            Event("a", now.AddMinutes(-2), ProblemOutcome.Unmatched, null, "en") with { UnmatchedText = "=HYPERLINK(\"http://evil\",\"x\"), and \"quotes\"\nnext line" },
            Event("b", now.AddMinutes(-1), ProblemOutcome.Solved, "vpn", "de") with { Score = 4.5, Feedback = FeedbackRating.Down },
        ], Token);

        var response = await client.SendAsync(AdminAccessTests.AsAdmin("admin/events.csv"), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        var csv = await response.Content.ReadAsStringAsync(Token);
        var lines = csv.Split("\r\n").Length > 2 ? csv.Split("\r\n") : csv.Split('\n');
        Assert.Equal("id,time,tenant_id,user_hash,language,topic,score,outcome,duration_seconds,unmatched_text,surveyed,feedback,feedback_comment,satisfaction", lines[0]);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\"), and \"\"quotes\"\"\nnext line\",", csv, StringComparison.Ordinal);
        Assert.Contains(",user-hash,de,vpn,4.5,solved,,,false,down,", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Satisfaction_answers_after_resolved_tickets_show_on_the_dashboard_the_summary_and_the_csv()
    {
        await using var app = AdminAccessTests.DevelopmentApp();
        using var client = AdminAccessTests.NoRedirects(app);
        var store = app.Services.GetRequiredService<IOutcomeEventStore>();
        var now = DateTimeOffset.UtcNow;
        await store.AddAsync(
        [
            Event("r1", now.AddMinutes(-30), ProblemOutcome.TicketResolved, "vpn", "en") with { Satisfaction = 5 },
            Event("r2", now.AddMinutes(-20), ProblemOutcome.TicketResolved, "vpn", "en") with { Satisfaction = 4 },
            Event("r3", now.AddMinutes(-10), ProblemOutcome.TicketResolved, "outlook", "de") with { Satisfaction = 2 },
            Event("r4", now.AddMinutes(-5), ProblemOutcome.TicketResolved, "outlook", "de"),
        ], Token);

        var summary = JsonDocument.Parse(await (await client.SendAsync(AdminAccessTests.AsAdmin("admin/api/summary?days=30"), Token)).Content.ReadAsStringAsync(Token)).RootElement;
        var satisfaction = summary.GetProperty("satisfaction");
        Assert.Equal(3, satisfaction.GetProperty("answers").GetInt32());
        Assert.Equal(11.0 / 3, satisfaction.GetProperty("average").GetDouble(), 6);
        Assert.Equal([0, 1, 0, 1, 1], satisfaction.GetProperty("distribution").EnumerateArray().Select(e => e.GetInt32()));
        // Resolutions are not problems: they change neither the problem count nor the deflection rate.
        Assert.Equal(0, summary.GetProperty("problems").GetInt32());

        var html = await (await client.SendAsync(AdminAccessTests.AsAdmin("admin?days=30"), Token)).Content.ReadAsStringAsync(Token);
        Assert.Contains("<b id=\"kpi-satisfaction\">3.7</b>", html, StringComparison.Ordinal);
        Assert.Contains("3 answer(s), average 3.7", html, StringComparison.Ordinal);
        Assert.Contains("data-label=\"5\" data-value=\"1\"", html, StringComparison.Ordinal);
        Assert.Contains("data-label=\"3\" data-value=\"0\"", html, StringComparison.Ordinal);

        var csv = await (await client.SendAsync(AdminAccessTests.AsAdmin("admin/events.csv"), Token)).Content.ReadAsStringAsync(Token);
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.EndsWith(",5", rows.Single(r => r.StartsWith("r1,", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.EndsWith(",2", rows.Single(r => r.StartsWith("r3,", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.EndsWith(",", rows.Single(r => r.StartsWith("r4,", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conversations_over_http_become_the_dashboards_numbers()
    {
        await using var connector = await FakeConnector.StartAsync(cancellationToken: Token);
        await using var app = AdminAccessTests.DevelopmentApp();
        using var client = AdminAccessTests.NoRedirects(app);

        await Post(app, TestActivities.Message(connector.ServiceUrl, "outlook wont sync", conversationId: "a:solved"));
        await Post(app, TestActivities.Message(connector.ServiceUrl, "yes, it's fixed", conversationId: "a:solved"));
        await Post(app, TestActivities.Message(connector.ServiceUrl, "my stapler makes a strange noise", conversationId: "a:unmatched"));
        await Post(app, TestActivities.Message(connector.ServiceUrl, "cancel", conversationId: "a:unmatched"));

        JsonElement summary = default;
        for (var i = 0; i < 100; i++)
        {
            summary = JsonDocument.Parse(await (await client.SendAsync(AdminAccessTests.AsAdmin("admin/api/summary"), Token)).Content.ReadAsStringAsync(Token)).RootElement;
            if (summary.GetProperty("problems").GetInt32() >= 2)
            {
                break;
            }

            await Task.Delay(50, Token);
        }

        Assert.Equal(2, summary.GetProperty("problems").GetInt32());
        Assert.Equal(1, summary.GetProperty("solved").GetInt32());
        Assert.Equal(1, summary.GetProperty("byOutcome").GetProperty("unmatched").GetInt32());
        var html = await (await client.SendAsync(AdminAccessTests.AsAdmin("admin"), Token)).Content.ReadAsStringAsync(Token);
        Assert.Contains("my stapler makes a strange noise", html, StringComparison.Ordinal);
    }

    private static async Task Post(BotApplicationFactory app, TeamsItBot.Framework.Schema.Activity activity)
    {
        var response = await app.PostActivityAsync(activity, Token);
        Assert.True(response.IsSuccessStatusCode, $"POST /api/messages: {(int)response.StatusCode}");
    }

    private static OutcomeEvent Event(string id, DateTimeOffset time, ProblemOutcome outcome, string? topic, string language) =>
        new() { Id = id, Time = time, UserHash = "user-hash", Outcome = outcome, Topic = topic, Language = language };
}
