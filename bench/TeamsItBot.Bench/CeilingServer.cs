using System.Net;

namespace TeamsItBot.Bench;

/// <summary>
/// The ceiling: a bare ASP.NET Core app (its own process, like the bot) whose one endpoint reads
/// the body and answers 200. Whatever the load generator reaches against it is the most this
/// machine can do with this client; the bot's throughput is reported as a fraction of it.
/// </summary>
public static class CeilingServer
{
    public static async Task RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapPost("/api/messages", async (HttpContext context) =>
        {
            // Drain the body as the bot must, so the comparison is like for like on the wire.
            var buffer = new byte[4096];
            while (await context.Request.Body.ReadAsync(buffer) > 0)
            {
            }

            return Results.Ok();
        });
        app.MapGet("/healthz", () => Results.Ok());
        await app.RunAsync();
    }
}
