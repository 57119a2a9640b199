using System.Collections.Concurrent;
using System.Diagnostics;

namespace TeamsItBot.Bench;

/// <summary>Latencies and errors of one phase; workers add to their own lists, merged at the end.</summary>
public sealed class PhaseStats
{
    private readonly ConcurrentBag<List<double>> _lists = [];
    private readonly ConcurrentDictionary<string, int> _errors = new(StringComparer.Ordinal);
    private long _turns;
    private long _conversations;

    public long Turns => Interlocked.Read(ref _turns);

    public long Conversations => Interlocked.Read(ref _conversations);

    public long Started { get; private set; } = Stopwatch.GetTimestamp();

    public long Ended { get; private set; }

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(Started, Ended == 0 ? Stopwatch.GetTimestamp() : Ended);

    public IReadOnlyDictionary<string, int> Errors => _errors;

    public int ErrorCount => _errors.Values.Sum();

    /// <summary>Turn latencies of the confirm (ticket) turn only, in ms.</summary>
    public List<double> ConfirmLatencies { get; } = [];

    public List<double> NewList()
    {
        var list = new List<double>(4096);
        _lists.Add(list);
        return list;
    }

    public void Start() => Started = Stopwatch.GetTimestamp();

    public void Stop() => Ended = Stopwatch.GetTimestamp();

    public void Turn() => Interlocked.Increment(ref _turns);

    public long Conversation() => Interlocked.Increment(ref _conversations);

    public void Error(string kind) => _errors.AddOrUpdate(kind, 1, (_, n) => n + 1);

    public double TurnsPerSecond => Turns / Elapsed.TotalSeconds;

    public double[] SortedLatencies()
    {
        var all = _lists.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return all;
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
