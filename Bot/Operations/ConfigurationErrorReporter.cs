using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TeamsItBot.Operations;

/// <summary>
/// Runs the host's start-up options validation early, so that every invalid or missing setting,
/// from every area, ends up in one error that lists them all, instead of an AggregateException
/// trace at the first endpoint that reads its options.
/// </summary>
public sealed partial class ConfigurationErrorReporter(IStartupValidator inner, ILogger<ConfigurationErrorReporter> logger)
{
    public void Validate()
    {
        try
        {
            inner.Validate();
        }
        catch (Exception ex) when (ex is OptionsValidationException or AggregateException)
        {
            var problems = Flatten(ex).Distinct(StringComparer.Ordinal).ToList();
            var message = "The configuration is invalid; fix these settings and restart:" + Environment.NewLine
                + string.Join(Environment.NewLine, problems.Select(p => "  - " + p));
            LogInvalidConfiguration(logger, message);
            throw new InvalidConfigurationException(message, ex);
        }
    }

    private static IEnumerable<string> Flatten(Exception exception) => exception switch
    {
        OptionsValidationException validation => validation.Failures,
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Flatten),
        _ => [exception.Message],
    };

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Message}")]
    private static partial void LogInvalidConfiguration(ILogger logger, string message);
}
