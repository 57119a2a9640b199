using Microsoft.Extensions.Options;

namespace TeamsItBot.Insights;

public sealed class AnalyticsOptionsValidator : IValidateOptions<AnalyticsOptions>
{
    public ValidateOptionsResult Validate(string? name, AnalyticsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Positive(errors, nameof(options.TextRetentionDays), options.TextRetentionDays);
        Positive(errors, nameof(options.EventRetentionDays), options.EventRetentionDays);
        Positive(errors, nameof(options.SurveyPeriodDays), options.SurveyPeriodDays);
        Positive(errors, nameof(options.QueueCapacity), options.QueueCapacity);
        Positive(errors, nameof(options.AbandonAfterMinutes), options.AbandonAfterMinutes);
        if (options.RetentionInterval <= TimeSpan.Zero)
        {
            errors.Add($"{AnalyticsOptions.SectionName}:{nameof(options.RetentionInterval)} must be positive.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, string name, int value)
    {
        if (value <= 0)
        {
            errors.Add($"{AnalyticsOptions.SectionName}:{name} must be a positive number (got {value}).");
        }
    }
}
