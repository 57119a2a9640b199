using Microsoft.Extensions.Options;

namespace TeamsItBot.Tickets.Outbox;

/// <summary>Configuration section <c>Outbox</c> (environment <c>Outbox__GiveUpAfter</c>, ...; values are TimeSpans like 00:00:30).</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>How long transient failures are retried before the user is told it failed (the draft is kept).</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the worker looks for due items.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The first retry delay; it doubles per attempt (with jitter) up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a claim lasts; must exceed a search plus a create (2 x Tickets:TimeoutSeconds).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a confirmation waits for another instance already sending the same ticket.</summary>
    public TimeSpan InProgressWait { get; set; } = TimeSpan.FromSeconds(8);

    public int BatchSize { get; set; } = 10;

    /// <summary>Off: this instance never retries in the background (another replica must).</summary>
    public bool WorkerEnabled { get; set; } = true;
}

internal sealed class OutboxOptionsValidator(IOptions<TicketOptions> tickets) : IValidateOptions<OutboxOptions>
{
    public ValidateOptionsResult Validate(string? name, OutboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        Positive(problems, nameof(options.GiveUpAfter), options.GiveUpAfter);
        Positive(problems, nameof(options.PollInterval), options.PollInterval);
        Positive(problems, nameof(options.InitialBackoff), options.InitialBackoff);
        Positive(problems, nameof(options.MaxBackoff), options.MaxBackoff);
        Positive(problems, nameof(options.LeaseDuration), options.LeaseDuration);
        if (options.InProgressWait < TimeSpan.Zero)
        {
            problems.Add("Outbox:InProgressWait must not be negative");
        }

        // A lease shorter than one attempt (search + create) would let a second instance send it too.
        var attempt = tickets.Value.Timeout * 2;
        if (options.LeaseDuration <= attempt)
        {
            problems.Add($"Outbox:LeaseDuration ({options.LeaseDuration}) must be longer than two ticket timeouts (2 x Tickets:TimeoutSeconds = {attempt})");
        }

        if (options.MaxBackoff < options.InitialBackoff)
        {
            problems.Add("Outbox:MaxBackoff must not be shorter than Outbox:InitialBackoff");
        }

        if (options.BatchSize is < 1 or > 1000)
        {
            problems.Add($"Outbox:BatchSize must be between 1 and 1000 (got {options.BatchSize})");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail($"Outbox configuration: {string.Join("; ", problems)}");
    }

    private static void Positive(List<string> problems, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add($"Outbox:{name} must be a positive time span like 00:00:30 (got {value})");
        }
    }
}
