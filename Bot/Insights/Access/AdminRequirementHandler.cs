using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace TeamsItBot.Insights.Access;

public sealed class AdminRequirementHandler(IOptions<AdminOptions> options) : AuthorizationHandler<AdminRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AdminRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (AdminPolicy.IsAdmin(context.User, options.Value))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
