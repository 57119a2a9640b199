using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace TeamsItBot.Insights.Access;

/// <summary>The dashboard's rule: signed in (401 otherwise) and an admin (403 otherwise).</summary>
public static class AdminPolicy
{
    public const string Name = "InsightsAdmin";

    /// <summary>Set by the Development token handler.</summary>
    public const string AdminClaim = "teamsitbot:admin";

    /// <summary>The scheme that picks token (Development) or Entra cookie (elsewhere).</summary>
    public const string Scheme = "Insights";

    public static bool IsAdmin(ClaimsPrincipal user, AdminOptions options)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(options);
        if (user.HasClaim(c => c.Type == AdminClaim))
        {
            return true;
        }

        var groups = user.FindAll("groups").Select(c => c.Value);
        var roles = user.FindAll("roles").Concat(user.FindAll(ClaimTypes.Role)).Select(c => c.Value);
        return groups.Any(g => options.AllowedGroups.Contains(g, StringComparer.OrdinalIgnoreCase))
            || roles.Any(r => options.AllowedRoles.Contains(r, StringComparer.Ordinal));
    }

    public static void Configure(AuthorizationPolicyBuilder policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().AddRequirements(new AdminRequirement());
    }
}

public sealed class AdminRequirement : IAuthorizationRequirement;
