using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TeamsItBot.Insights.Access;

namespace TeamsItBot.Insights.Dashboard;

/// <summary>The dashboard's non-page endpoints: the CSV export, the JSON summary, and Entra sign-in.</summary>
public static class AdminEndpoints
{
    public const string CsvPath = "/admin/events.csv";
    public const string SummaryPath = "/admin/api/summary";

    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/admin").RequireAuthorization(AdminPolicy.Name);
        admin.MapGet("/events.csv", async (int? days, HttpContext context, IOutcomeEventStore store, TimeProvider time) =>
        {
            var (since, until) = DashboardPeriod.Last(days, time);
            var events = await store.QueryAsync(since, until, context.RequestAborted);
            context.Response.ContentType = "text/csv; charset=utf-8";
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"teamsitbot-events-{until:yyyyMMdd}.csv\"";
            await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false));
            await EventCsv.WriteAsync(writer, events, context.RequestAborted);
        });
        admin.MapGet("/api/summary", async (int? days, IOutcomeEventStore store, TimeProvider time, CancellationToken cancellationToken) =>
        {
            var (since, until) = DashboardPeriod.Last(days, time);
            var report = DashboardReport.Build(await store.QueryAsync(since, until, cancellationToken), since, until);
            return Results.Json(new
            {
                report.Since,
                report.Until,
                report.Problems,
                report.Solved,
                report.TicketsCreated,
                report.DeflectionRate,
                ByOutcome = report.ByOutcome.ToDictionary(p => p.Key.ToWire(), p => p.Value),
                report.Topics,
                report.Languages,
                report.FeedbackUp,
                report.FeedbackDown,
                MedianSecondsToTicket = report.MedianTimeToTicket?.TotalSeconds,
                report.Satisfaction,
            });
        });

        endpoints.MapGet(AdminAuthenticationExtensions.SignInPath, (IOptions<AdminOptions> options) =>
            options.Value.EntraConfigured
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = "/admin" }, [AdminAuthenticationExtensions.OpenIdScheme])
                : Results.Text("Entra ID sign-in is not configured (Admin__ClientId, Admin__TenantId, Admin__AllowedGroups).", statusCode: StatusCodes.Status404NotFound));
        return endpoints;
    }
}
