namespace TeamsItBot.Tests;

/// <summary>
/// Time limits (milliseconds) after which xUnit fails a test as timed out instead of letting a
/// regression hang the run. Generous: the slowest test takes about 25 s on a loaded 2-core machine.
/// .ci/run's hang guard (--blame-hang-timeout) is longer than <see cref="Slow"/>, so xUnit names the
/// test first.
/// </summary>
public static class TestTimeouts
{
    public const int Default = 60_000;

    /// <summary>Tests that start child processes or database clusters and run long scenarios.</summary>
    public const int Slow = 180_000;
}
