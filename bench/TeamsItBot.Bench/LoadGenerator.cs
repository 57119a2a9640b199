using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace TeamsItBot.Bench;

/// <summary>
/// Plays the Teams channel: each conversation runs the whole flow (problem, "still not working",
/// the card's Action.Execute invoke) with Teams-shaped activities. A turn's latency runs from the
/// POST to the arrival of its last reply at the connector.
/// </summary>
public sealed class LoadGenerator(HttpClient client, Uri messagesUrl, BenchConnector? connector, string runId)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private long _nextConversation;

    public static HttpClient CreateClient() => new(new SocketsHttpHandler
    {
        UseProxy = false,
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        AllowAutoRedirect = false,
    })
    { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>
    /// Runs conversations on <paramref name="workers"/> loops until <paramref name="conversations"/>
    /// have started or <paramref name="duration"/> passed. With <paramref name="turnsPerSecond"/>,
    /// turns start on a fixed schedule (open loop) instead of back to back.
    /// </summary>
    public async Task RunAsync(PhaseStats stats, int workers, long conversations, TimeSpan duration, double? turnsPerSecond = null,
        Action<long>? onConversationDone = null, bool recordConfirm = false)
    {
        var started = 0L;
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var slot = 0L;
        stats.Start();
        var origin = Stopwatch.GetTimestamp();

        async Task PaceAsync()
        {
            if (turnsPerSecond is not { } rate)
            {
                return;
            }

            var due = origin + (long)(Interlocked.Increment(ref slot) / rate * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }
        }

        async Task WorkerAsync()
        {
            var latencies = stats.NewList();
            while (Interlocked.Increment(ref started) <= conversations && Stopwatch.GetTimestamp() < deadline)
            {
                await RunConversationAsync(stats, latencies, PaceAsync, recordConfirm);
                var done = stats.Conversation();
                onConversationDone?.Invoke(done);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(WorkerAsync)));
        stats.Stop();
    }

    private async Task RunConversationAsync(PhaseStats stats, List<double> latencies, Func<Task> pace, bool recordConfirm)
    {
        var n = Interlocked.Increment(ref _nextConversation).ToString(CultureInfo.InvariantCulture);
        var conversation = new Conversation($"a:bench-{runId}-{n}", $"29:bench-user-{n}");
        if (connector is null)
        {
            // Ceiling: the same three POSTs, answered by a bare 200.
            for (var turn = 0; turn < 3; turn++)
            {
                await pace();
                await CeilingTurnAsync(stats, latencies, conversation, turn);
            }

            return;
        }

        await pace();
        var first = await TurnAsync(stats, latencies, conversation, 1, Message(conversation, 1, "Teams is not working"), invoke: false);
        if (first is null)
        {
            return;
        }

        await pace();
        var second = await TurnAsync(stats, latencies, conversation, 2, Message(conversation, 2, "still not working"), invoke: false);
        if (second?.DraftId is not { } draftId || second.CardActivityId is not { } cardId)
        {
            if (second is not null)
            {
                stats.Error("no confirm card");
            }

            return;
        }

        await pace();
        var started = Stopwatch.GetTimestamp();
        var third = await TurnAsync(stats, latencies, conversation, 3, Invoke(conversation, 3, draftId, cardId), invoke: true);
        if (third is not null && !third.TicketCreated)
        {
            stats.Error("no 'Created ticket' reply");
        }
        else if (third is not null && recordConfirm)
        {
            lock (stats.ConfirmLatencies)
            {
                stats.ConfirmLatencies.Add(Stopwatch.GetElapsedTime(started, third.LastArrival).TotalMilliseconds);
            }
        }
    }

    private async Task<TurnReplies?> TurnAsync(PhaseStats stats, List<double> latencies, Conversation conversation, int turn, byte[] body, bool invoke)
    {
        var activityId = ActivityId(conversation, turn);
        var replies = connector!.Expect(activityId);
        try
        {
            var started = Stopwatch.GetTimestamp();
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = Json;
            using var response = await client.PostAsync(messagesUrl, content);
            if ((int)response.StatusCode != 200)
            {
                stats.Error($"HTTP {((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)}");
                return null;
            }

            if (invoke)
            {
                var answer = await response.Content.ReadAsByteArrayAsync();
                if (answer.AsSpan().IndexOf("\"statusCode\":200"u8) < 0)
                {
                    stats.Error("invoke answer not statusCode 200");
                    return null;
                }
            }

            if (replies.Count == 0)
            {
                stats.Error("no reply at the connector");
                return null;
            }

            latencies.Add(Stopwatch.GetElapsedTime(started, replies.LastArrival).TotalMilliseconds);
            stats.Turn();
            return replies;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            stats.Error(ex.GetType().Name);
            return null;
        }
        finally
        {
            connector.Forget(activityId);
        }
    }

    private async Task CeilingTurnAsync(PhaseStats stats, List<double> latencies, Conversation conversation, int turn)
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            using var content = new ByteArrayContent(Message(conversation, turn, "Teams is not working"));
            content.Headers.ContentType = Json;
            using var response = await client.PostAsync(messagesUrl, content);
            if ((int)response.StatusCode != 200)
            {
                stats.Error($"HTTP {((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)}");
                return;
            }

            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            stats.Turn();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            stats.Error(ex.GetType().Name);
        }
    }

    private static string ActivityId(Conversation conversation, int turn) =>
        $"{conversation.Id}-t{turn.ToString(CultureInfo.InvariantCulture)}";

    private byte[] Message(Conversation conversation, int turn, string text) =>
        Write(conversation, turn, "message", w => w.WriteString("text", text));

    private byte[] Invoke(Conversation conversation, int turn, string draftId, string cardActivityId) =>
        Write(conversation, turn, "invoke", w =>
        {
            w.WriteString("name", "adaptiveCard/action");
            w.WriteString("replyToId", cardActivityId);
            w.WriteStartObject("value");
            w.WriteStartObject("action");
            w.WriteString("type", "Action.Execute");
            w.WriteString("verb", "createTicket");
            w.WriteStartObject("data");
            w.WriteString("draftId", draftId);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteString("trigger", "manual");
            w.WriteEndObject();
        });

    private byte[] Write(Conversation conversation, int turn, string type, Action<Utf8JsonWriter> rest)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            w.WriteString("id", ActivityId(conversation, turn));
            w.WriteString("timestamp", DateTimeOffset.UtcNow);
            w.WriteString("serviceUrl", connector?.ServiceUrl ?? "http://127.0.0.1:9/");
            w.WriteString("channelId", "msteams");
            w.WriteStartObject("from");
            w.WriteString("id", conversation.UserId);
            w.WriteString("name", "Bench User");
            w.WriteString("aadObjectId", "00000000-0000-0000-0000-0000000000be");
            w.WriteEndObject();
            w.WriteStartObject("recipient");
            w.WriteString("id", "28:bench-bot");
            w.WriteString("name", "IT Bot");
            w.WriteEndObject();
            w.WriteStartObject("conversation");
            w.WriteString("id", conversation.Id);
            w.WriteString("conversationType", "personal");
            w.WriteString("tenantId", "tenant-bench");
            w.WriteEndObject();
            w.WriteString("locale", "en-US");
            w.WriteStartObject("channelData");
            w.WriteStartObject("tenant");
            w.WriteString("id", "tenant-bench");
            w.WriteEndObject();
            w.WriteEndObject();
            rest(w);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private sealed record Conversation(string Id, string UserId);
}
