using Microsoft.Extensions.Options;

namespace TeamsItBot.Insights.Access;

public sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.EntraConfigured)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.TenantId) && string.IsNullOrWhiteSpace(options.Authority))
        {
            errors.Add("Admin:TenantId (or Admin:Authority) is required with Admin:ClientId.");
        }

        if (!string.IsNullOrWhiteSpace(options.Authority) && !Uri.TryCreate(options.Authority, UriKind.Absolute, out _))
        {
            errors.Add("Admin:Authority must be an absolute URL.");
        }

        if (options.AllowedGroups.Count == 0 && options.AllowedRoles.Count == 0)
        {
            errors.Add("Admin:AllowedGroups or Admin:AllowedRoles must name who may open the dashboard.");
        }

        if (options.ResponseType is not ("code" or "id_token"))
        {
            errors.Add($"Admin:ResponseType must be 'code' or 'id_token' (got '{options.ResponseType}').");
        }
        else if (options.ResponseType == "code" && string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            errors.Add("Admin:ClientSecret is required with Admin:ResponseType=code.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
