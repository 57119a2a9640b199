namespace TeamsItBot.Bench;

/// <summary>
/// How much load each phase gets. <c>short</c> checks the wiring in about two minutes; <c>long</c>
/// is the run the targets are judged on. The warm-up is long enough for tiered compilation to
/// settle (about 20,000 turns here): measured before that, about a fifth of the bot's CPU goes to the JIT.
/// </summary>
public sealed record BenchProfile(
    string Name,
    int WarmupConversations,
    int ThroughputConversations,
    int Workers,
    double PacedTurnsPerSecond,
    TimeSpan PacedDuration,
    int SequentialFlows,
    TimeSpan CeilingDuration)
{
    public static BenchProfile Quick { get; } = new("short", 6_000, 12_000, 32, 500, TimeSpan.FromSeconds(10), 200, TimeSpan.FromSeconds(10));

    public static BenchProfile Full { get; } = new("long", 10_000, 100_000, 32, 500, TimeSpan.FromSeconds(60), 500, TimeSpan.FromSeconds(30));

    public static BenchProfile? Named(string name) => name switch
    {
        "short" => Quick,
        "long" => Full,
        _ => null,
    };
}
