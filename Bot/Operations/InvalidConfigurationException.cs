namespace TeamsItBot.Operations;

/// <summary>
/// Start-up refusal that lists every bad setting. Its text is the whole story, so the host's
/// "Unhandled exception" output shows the list, not a stack trace an admin has to read past.
/// </summary>
public sealed class InvalidConfigurationException : InvalidOperationException
{
    public InvalidConfigurationException()
    {
    }

    public InvalidConfigurationException(string message)
        : base(message)
    {
    }

    public InvalidConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public override string ToString() => $"{GetType().FullName}: {Message}";
}
