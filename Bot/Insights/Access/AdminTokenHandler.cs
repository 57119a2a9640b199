using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TeamsItBot.Insights.Access;

/// <summary>
/// Development sign-in: the token in the <c>X-Admin-Token</c> header, the admin cookie, or once in
/// <c>?token=</c> (which then sets the cookie, so links and the CSV download work without it).
/// </summary>
public sealed class AdminTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AdminToken token)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AdminToken";
    public const string HeaderName = "X-Admin-Token";
    public const string CookieName = "teamsitbot_admin";
    public const string QueryName = "token";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (token.Value is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = Request.Headers[HeaderName].FirstOrDefault() ?? Request.Cookies[CookieName];
        var fromQuery = Request.Query[QueryName].FirstOrDefault();
        if (presented is null && fromQuery is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!token.Matches(presented) && !token.Matches(fromQuery))
        {
            return Task.FromResult(AuthenticateResult.Fail("Invalid admin token."));
        }

        if (token.Matches(fromQuery) && !Response.HasStarted)
        {
            Response.Cookies.Append(CookieName, fromQuery!, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = Request.IsHttps,
                Path = "/admin",
            });
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "local admin"), new Claim(AdminPolicy.AdminClaim, "token")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        AdminChallenge.WriteAsync(Context, StatusCodes.Status401Unauthorized);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AdminChallenge.WriteAsync(Context, StatusCodes.Status403Forbidden);
}
