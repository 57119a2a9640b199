using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TeamsItBot.Framework.Hosting;

/// <summary>
/// Refuses to start with an incomplete identity, naming every missing setting at once. Anonymous
/// local mode is allowed only in Development or with AllowUnauthenticatedRequests=true.
/// </summary>
internal sealed class BotFrameworkOptionsValidator(IHostEnvironment environment) : IValidateOptions<BotFrameworkOptions>
{
    private static readonly string[] AppTypes = ["MultiTenant", "SingleTenant", "UserAssignedMSI"];

    public ValidateOptionsResult Validate(string? name, BotFrameworkOptions options)
    {
        var problems = new List<string>();
        var appType = AppTypes.FirstOrDefault(t => t.Equals(options.MicrosoftAppType, StringComparison.OrdinalIgnoreCase));
        if (appType is null)
        {
            problems.Add($"MicrosoftAppType must be one of {string.Join(", ", AppTypes)} (got '{options.MicrosoftAppType}')");
        }

        if (!options.IsAuthenticationEnabled)
        {
            if (!environment.IsDevelopment() && !options.AllowUnauthenticatedRequests)
            {
                var missing = new List<string> { "MicrosoftAppId" };
                if (appType != "UserAssignedMSI") missing.Add("MicrosoftAppPassword");
                if (appType is "SingleTenant" or "UserAssignedMSI") missing.Add("MicrosoftAppTenantId");
                problems.Add($"missing settings: {string.Join(", ", missing)} (or run in Development / set AllowUnauthenticatedRequests=true for anonymous local mode)");
            }
        }
        else
        {
            var missing = new List<string>();
            if (appType != "UserAssignedMSI" && string.IsNullOrWhiteSpace(options.MicrosoftAppPassword)) missing.Add("MicrosoftAppPassword");
            if (appType is "SingleTenant" or "UserAssignedMSI" && string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId)) missing.Add("MicrosoftAppTenantId");
            if (missing.Count > 0)
            {
                problems.Add($"missing settings: {string.Join(", ", missing)}");
            }
        }

        foreach (var (setting, value) in new[] { ("BotFrameworkOpenIdMetadataUrl", options.BotFrameworkOpenIdMetadataUrl) })
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out _))
            {
                problems.Add($"{setting} must be an absolute URL");
            }
        }

        if (options.MaxRequestBytes <= 0)
        {
            problems.Add("MaxRequestBytes must be positive");
        }

        problems.AddRange(options.ConnectorRateLimits?.Problems() ?? ["ConnectorRateLimits is missing"]);

        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Bot configuration is invalid: {string.Join("; ", problems)}.");
    }
}
