using System.Buffers;
using System.Data.Common;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Storage;

/// <summary>
/// De-duplication in the shared database (table <c>activity_dedup</c>), so it holds across replicas
/// and restarts. A claim is one conditional insert: it wins when no row exists or the row has
/// expired. A running claim holds a short lease (a replica that died mid-turn does not block the
/// activity for the whole window); a completed one is remembered, with its invoke response, for
/// <see cref="Window"/>. A duplicate polls the row until the earlier delivery ends.
/// </summary>
public sealed partial class StoreActivityDeduplicator(StorageDatabase database, TimeProvider timeProvider, ILogger<StoreActivityDeduplicator>? logger = null)
    : IActivityDeduplicator
{
    public static readonly TimeSpan Window = MemoryActivityDeduplicator.Window;
    public static readonly TimeSpan RunningLease = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);
    private const int SweepChunk = 500;

    private const string Running = "running";
    private const string Completed = "completed";

    private const string ClaimSql =
        "INSERT INTO activity_dedup (conversation_id, activity_id, state, claim_token, invoke_response, expires_at) " +
        "VALUES (@conversation, @activity, 'running', @token, NULL, @expires) " +
        "ON CONFLICT (conversation_id, activity_id) DO UPDATE SET state = 'running', claim_token = excluded.claim_token, " +
        "invoke_response = NULL, expires_at = excluded.expires_at WHERE activity_dedup.expires_at <= @now";

    private const string SelectSql =
        "SELECT state, claim_token, invoke_response, expires_at FROM activity_dedup WHERE conversation_id = @conversation AND activity_id = @activity";

    private readonly ILogger _logger = logger ?? NullLogger<StoreActivityDeduplicator>.Instance;
    private long _nextSweepTicks;

    public async Task<DeliveryClaim> ClaimAsync(string conversationId, string activityId, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        SweepIfDue(now);
        // A row can vanish between the failed insert and the read (its delivery abandoned): try again.
        for (var attempt = 0; ; attempt++)
        {
            var token = Guid.NewGuid().ToString("N");
            var won = await database.WriteAsync(async (connection, transaction, ct) =>
            {
                await using var claim = connection.CreateCommand(ClaimSql, transaction,
                    ("@conversation", conversationId), ("@activity", activityId), ("@token", token),
                    ("@expires", (now + RunningLease).ToUnixTimeMilliseconds()), ("@now", now.ToUnixTimeMilliseconds()));
                return await claim.ExecuteNonQueryAsync(ct) == 1;
            }, cancellationToken);
            if (won)
            {
                return new FirstDelivery(this, conversationId, activityId, token);
            }

            Row? earlier;
            await using (var connection = await database.OpenConnectionAsync(cancellationToken))
            {
                earlier = await ReadAsync(connection, conversationId, activityId, cancellationToken);
            }

            if (earlier is not null || attempt >= 2)
            {
                return new Redelivery(this, conversationId, activityId, earlier?.Token);
            }
        }
    }

    /// <summary>
    /// Deletes rows past their expiry, a chunk per write, so other writes interleave with a large
    /// sweep instead of waiting for all of it. Runs on its own about once a minute per process.
    /// </summary>
    public async Task<int> RemoveExpiredAsync(CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var total = 0;
        int removed;
        do
        {
            removed = await database.WriteAsync(async (connection, transaction, ct) =>
            {
                await using var command = connection.CreateCommand(
                    // The outer condition is re-checked on the row as it is when deleted (PostgreSQL
                    // re-evaluates it after a concurrent update); the subquery's was true only of its
                    // snapshot, so without it a row reclaimed meanwhile would be removed.
                    "DELETE FROM activity_dedup WHERE expires_at <= @now AND (conversation_id, activity_id) IN " +
                    "(SELECT conversation_id, activity_id FROM activity_dedup WHERE expires_at <= @now LIMIT @chunk)", transaction,
                    ("@now", now), ("@chunk", SweepChunk));
                return await command.ExecuteNonQueryAsync(ct);
            }, cancellationToken);
            total += removed;
        }
        while (removed == SweepChunk);

        return total;
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextSweepTicks, now.UtcTicks + SweepInterval.Ticks, next) != next)
        {
            return;
        }

        // Off the turn's path: the claim that notices the sweep is due should not wait for it.
        _ = Task.Run(async () =>
        {
            try
            {
                var removed = await RemoveExpiredAsync();
                if (removed > 0)
                {
                    LogSwept(_logger, removed);
                }
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
            {
                LogSweepFailed(_logger, ex);
            }
        });
    }

    private static async Task<Row?> ReadAsync(DbConnection connection, string conversationId, string activityId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand(SelectSql, null, ("@conversation", conversationId), ("@activity", activityId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new Row(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt64(3));
    }

    private async Task<DeliveryOutcome> WaitForOutcomeAsync(string conversationId, string activityId, string? earlierToken)
    {
        while (earlierToken is not null)
        {
            Row? row;
            await using (var connection = await database.OpenConnectionAsync())
            {
                row = await ReadAsync(connection, conversationId, activityId, CancellationToken.None);
            }

            // Gone or claimed afresh: the earlier delivery was abandoned (or its lease ran out).
            if (row is null || row.Token != earlierToken)
            {
                break;
            }

            if (row.State == Completed)
            {
                return new DeliveryOutcome(true, DeserializeResponse(row.InvokeResponse));
            }

            if (row.ExpiresAt <= timeProvider.GetUtcNow().ToUnixTimeMilliseconds())
            {
                break;
            }

            await Task.Delay(PollInterval, timeProvider);
        }

        return new DeliveryOutcome(false, null);
    }

    private async ValueTask FinishAsync(string conversationId, string activityId, string token, InvokeResponse? response, bool completed)
    {
        // Never an exception: the turn's answer must not depend on recording it.
        try
        {
            var responseJson = completed ? SerializeResponse(response) : null;
            var expires = (timeProvider.GetUtcNow() + Window).ToUnixTimeMilliseconds();
            await database.WriteAsync(async (connection, transaction, ct) =>
            {
                await using var command = completed
                    ? connection.CreateCommand(
                        "UPDATE activity_dedup SET state = 'completed', invoke_response = @response, expires_at = @expires " +
                        "WHERE conversation_id = @conversation AND activity_id = @activity AND claim_token = @token", transaction,
                        ("@response", responseJson), ("@expires", expires),
                        ("@conversation", conversationId), ("@activity", activityId), ("@token", token))
                    : connection.CreateCommand(
                        "DELETE FROM activity_dedup WHERE conversation_id = @conversation AND activity_id = @activity AND claim_token = @token", transaction,
                        ("@conversation", conversationId), ("@activity", activityId), ("@token", token));
                return await command.ExecuteNonQueryAsync(ct);
            });
        }
        catch (Exception ex) when (ex is DbException or JsonException or NotSupportedException or InvalidOperationException or TimeoutException)
        {
            LogFinishFailed(_logger, ex, activityId, completed ? Completed : "abandoned");
        }
    }

    private static string? SerializeResponse(InvokeResponse? response)
    {
        if (response is null)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("status", response.Status);
            writer.WritePropertyName("body");
            if (response.Body is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                JsonSerializer.Serialize(writer, response.Body, response.Body.GetType(), BotJson.Options);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static InvokeResponse? DeserializeResponse(string? json)
    {
        if (json is null || JsonNode.Parse(json) is not JsonObject stored)
        {
            return null;
        }

        var body = stored["body"] is { } node ? JsonSerializer.Deserialize<JsonElement>(node.ToJsonString()) : (JsonElement?)null;
        return new InvokeResponse(stored["status"]!.GetValue<int>(), body);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Removed {Count} expired de-duplication rows")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove expired de-duplication rows; the next sweep tries again")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record activity {ActivityId} as {Outcome}; a redelivery may run it again once its lease ends")]
    private static partial void LogFinishFailed(ILogger logger, Exception exception, string activityId, string outcome);

    private sealed record Row(string State, string Token, string? InvokeResponse, long ExpiresAt);

    private sealed class FirstDelivery(StoreActivityDeduplicator owner, string conversationId, string activityId, string token) : DeliveryClaim
    {
        private int _finished;

        public override bool IsDuplicate => false;

        public override Task<DeliveryOutcome> EarlierOutcome => throw new InvalidOperationException("The first delivery has no earlier outcome.");

        // The synchronous forms block on the write; the host uses the async ones.
        public override void Complete(InvokeResponse? response) => CompleteAsync(response).AsTask().GetAwaiter().GetResult();

        public override void Abandon() => AbandonAsync().AsTask().GetAwaiter().GetResult();

        public override ValueTask CompleteAsync(InvokeResponse? response) =>
            Interlocked.Exchange(ref _finished, 1) == 0
                ? owner.FinishAsync(conversationId, activityId, token, response, completed: true)
                : ValueTask.CompletedTask;

        public override ValueTask AbandonAsync() =>
            Interlocked.Exchange(ref _finished, 1) == 0
                ? owner.FinishAsync(conversationId, activityId, token, null, completed: false)
                : ValueTask.CompletedTask;
    }

    private sealed class Redelivery(StoreActivityDeduplicator owner, string conversationId, string activityId, string? earlierToken) : DeliveryClaim
    {
        private readonly Lazy<Task<DeliveryOutcome>> _outcome = new(() => owner.WaitForOutcomeAsync(conversationId, activityId, earlierToken));

        public override bool IsDuplicate => true;

        public override Task<DeliveryOutcome> EarlierOutcome => _outcome.Value;

        // A redelivery did not run the turn; it has nothing to record.
        public override void Complete(InvokeResponse? response) { }

        public override void Abandon() { }
    }
}
