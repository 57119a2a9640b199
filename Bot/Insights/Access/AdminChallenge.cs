using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace TeamsItBot.Insights.Access;

/// <summary>The small pages behind 401 (with the way to sign in) and 403.</summary>
public static class AdminChallenge
{
    public static Task WriteAsync(HttpContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        var development = context.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment();
        var body = status == StatusCodes.Status403Forbidden
            ? "<h1>403 Forbidden</h1><p>You are signed in, but not as an IT admin of this bot (Admin:AllowedGroups / Admin:AllowedRoles).</p>"
            : development
                ? "<h1>401 Unauthorized</h1><p>Open the admin link printed in the bot's log at start-up (<code>/admin?token=...</code>) or send the <code>X-Admin-Token</code> header.</p>"
                : $"<h1>401 Unauthorized</h1><p><a href=\"{AdminAuthenticationExtensions.SignInPath}\">Sign in with your work account</a></p>";
        return context.Response.WriteAsync($"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>TeamsItBot admin</title></head><body>{body}</body></html>");
    }
}
