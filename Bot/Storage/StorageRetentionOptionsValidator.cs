using Microsoft.Extensions.Options;

namespace TeamsItBot.Storage;

/// <summary>Refuses to start with a retention that cannot work, naming the setting to fix.</summary>
public sealed class StorageRetentionOptionsValidator : IValidateOptions<StorageRetentionOptions>
{
    /// <summary>About 100 years: a longer retention is "keep forever", which Enabled=false says plainly.</summary>
    public const double MaxDays = 36_500;

    public ValidateOptionsResult Validate(string? name, StorageRetentionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        Days(problems, nameof(options.OutboxDays), options.OutboxDays);
        Days(problems, nameof(options.ConversationDays), options.ConversationDays);
        if (options.SweepInterval < TimeSpan.FromSeconds(1) || options.SweepInterval > TimeSpan.FromDays(7))
        {
            problems.Add($"Storage__Retention__SweepInterval must be between 00:00:01 and 7.00:00:00 (got {options.SweepInterval})");
        }

        if (options.ChunkSize is < 1 or > 10_000)
        {
            problems.Add($"Storage__Retention__ChunkSize must be between 1 and 10000 (got {options.ChunkSize})");
        }

        if (options.ChunkPause < TimeSpan.Zero || options.ChunkPause > TimeSpan.FromMinutes(1))
        {
            problems.Add($"Storage__Retention__ChunkPause must be between 00:00:00 and 00:01:00 (got {options.ChunkPause})");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail($"Storage retention: {string.Join("; ", problems)}");
    }

    private static void Days(List<string> problems, string name, double value)
    {
        if (!double.IsFinite(value) || value <= 0 || value > MaxDays)
        {
            problems.Add($"Storage__Retention__{name} must be a number of days above 0 and at most {MaxDays} (got {value}); to keep everything, set Storage__Retention__Enabled=false");
        }
    }
}
