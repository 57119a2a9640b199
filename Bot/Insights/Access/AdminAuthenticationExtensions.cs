using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TeamsItBot.Insights.Access;

/// <summary>
/// The dashboard's own schemes, used only by its policy (nothing else in the app authenticates
/// through them): Development token, or Entra ID OpenID Connect with a cookie session.
/// </summary>
public static class AdminAuthenticationExtensions
{
    public const string CookieScheme = "InsightsCookie";
    public const string OpenIdScheme = "InsightsEntra";
    public const string SignInPath = "/admin/signin";

    public static IServiceCollection AddAdminAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdminOptions>()
            .Bind(configuration.GetSection(AdminOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>());
        services.TryAddSingleton<AdminToken>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, AdminRequirementHandler>());
        services.AddAuthorizationBuilder().AddPolicy(AdminPolicy.Name, AdminPolicy.Configure);

        services.AddAuthentication()
            .AddPolicyScheme(AdminPolicy.Scheme, "Insights admin", scheme => scheme.ForwardDefaultSelector = context =>
                context.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment() ? AdminTokenHandler.SchemeName : CookieScheme)
            .AddScheme<AuthenticationSchemeOptions, AdminTokenHandler>(AdminTokenHandler.SchemeName, null)
            .AddCookie(CookieScheme, cookie =>
            {
                cookie.Cookie.Name = "teamsitbot_admin_session";
                cookie.Cookie.Path = "/";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = true;
                // A 401 or 403 page, not a redirect: the sign-in is one click on the 401 page.
                cookie.Events.OnRedirectToLogin = context => AdminChallenge.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => AdminChallenge.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden);
            })
            .AddOpenIdConnect(OpenIdScheme, _ => { });
        services.AddOptions<OpenIdConnectOptions>(OpenIdScheme).Configure<IOptions<AdminOptions>>((oidc, admin) =>
        {
            var options = admin.Value;
            oidc.SignInScheme = CookieScheme;
            oidc.Authority = options.EntraConfigured ? options.EffectiveAuthority : "https://login.microsoftonline.com/common/v2.0";
            oidc.ClientId = options.EntraConfigured ? options.ClientId : "not-configured";
            oidc.ClientSecret = options.ClientSecret;
            oidc.ResponseType = options.ResponseType;
            oidc.ResponseMode = "form_post";
            oidc.CallbackPath = "/admin/signin-oidc";
            oidc.UsePkce = true;
            oidc.MapInboundClaims = false;
            oidc.SaveTokens = false;
            oidc.Scope.Clear();
            oidc.Scope.Add("openid");
            oidc.Scope.Add("profile");
            oidc.TokenValidationParameters.NameClaimType = "name";
            oidc.TokenValidationParameters.RoleClaimType = "roles";
            oidc.RequireHttpsMetadata = oidc.Authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        });
        return services;
    }
}
