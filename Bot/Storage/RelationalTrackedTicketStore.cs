using System.Data.Common;
using System.Globalization;
using TeamsItBot.Tickets.FollowUp;
using TeamsItBot.Tickets.Notifications;

namespace TeamsItBot.Storage;

/// <summary>
/// <see cref="ITrackedTicketStore"/> over <c>tracked_ticket</c> and <c>ticket_poller</c> (SQLite or
/// PostgreSQL). Each operation is one statement whose WHERE clause is the rule (insert-if-absent,
/// advance only from the expected state, renew a lease only when it is ours or has run out), so
/// the database decides every race between replicas.
/// </summary>
public sealed class RelationalTrackedTicketStore(StorageDatabase database) : ITrackedTicketStore
{
    private const string Columns = "ticket_key, owner_object_id, notify_target, conversation_key, notifying, status, assignee, last_comment_id, jira_updated, done";
    private const int KeysPerQuery = 500;

    public async Task<bool> TrackAsync(TrackedTicketRecord record, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var state = record.State;
        return await database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = connection.CreateCommand(
                $"INSERT INTO tracked_ticket ({Columns}, tracked_at, changed_at) VALUES (@key, @owner, @target, @conversation, @notifying, @status, @assignee, " +
                "@comment, @updated, @done, @now, @now) ON CONFLICT (ticket_key) DO NOTHING", transaction,
                ("@key", state.Key), ("@owner", record.OwnerObjectId), ("@target", record.NotifyTarget), ("@conversation", record.ConversationKey),
                ("@notifying", record.Notifying ? 1 : 0), ("@status", state.Status), ("@assignee", state.Assignee), ("@comment", state.LastCommentId),
                ("@updated", state.Updated?.ToUnixTimeMilliseconds()), ("@done", record.Done ? 1 : 0), ("@now", now.ToUnixTimeMilliseconds()));
            return await command.ExecuteNonQueryAsync(ct) == 1;
        }, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, TrackedTicketRecord>> GetAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var found = new Dictionary<string, TrackedTicketRecord>(StringComparer.Ordinal);
        if (keys.Count == 0) return found;
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(KeysPerQuery))
        {
            var names = chunk.Select((_, i) => "@k" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
            var parameters = chunk.Select((key, i) => (names[i], (object?)key)).ToArray();
            await using var command = connection.CreateCommand(
                $"SELECT {Columns} FROM tracked_ticket WHERE ticket_key IN ({string.Join(", ", names)})", null, parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var record = Read(reader);
                found[record.State.Key] = record;
            }
        }

        return found;
    }

    public async Task<bool> HasAnyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand("SELECT 1 FROM tracked_ticket LIMIT 1", null);
        return await command.ExecuteScalarAsync(cancellationToken) is not null and not DBNull;
    }

    public async Task<bool> TryAdvanceAsync(TrackedTicketState expected, TrackedTicketState updated, bool done, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(updated);
        return await database.WriteAsync(async (connection, transaction, ct) =>
        {
            // IS NOT DISTINCT FROM: the null-safe equality both SQLite (3.39+) and PostgreSQL spell this way.
            await using var command = connection.CreateCommand(
                "UPDATE tracked_ticket SET status = @status, assignee = @assignee, last_comment_id = @comment, jira_updated = @updated, done = @done, changed_at = @now " +
                "WHERE ticket_key = @key AND status = @expected_status AND assignee IS NOT DISTINCT FROM @expected_assignee " +
                "AND last_comment_id = @expected_comment AND jira_updated IS NOT DISTINCT FROM @expected_updated", transaction,
                ("@key", expected.Key), ("@status", updated.Status), ("@assignee", updated.Assignee), ("@comment", updated.LastCommentId),
                ("@updated", updated.Updated?.ToUnixTimeMilliseconds()), ("@done", done ? 1 : 0), ("@now", now.ToUnixTimeMilliseconds()),
                ("@expected_status", expected.Status), ("@expected_assignee", expected.Assignee), ("@expected_comment", expected.LastCommentId),
                ("@expected_updated", expected.Updated?.ToUnixTimeMilliseconds()));
            return await command.ExecuteNonQueryAsync(ct) == 1;
        }, cancellationToken);
    }

    public async Task<int> StopNotifyingConversationAsync(string conversationKey, DateTimeOffset now, CancellationToken cancellationToken) =>
        await database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = connection.CreateCommand(
                "UPDATE tracked_ticket SET notifying = 0, changed_at = @now WHERE conversation_key = @conversation AND notifying = 1", transaction,
                ("@conversation", conversationKey), ("@now", now.ToUnixTimeMilliseconds()));
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);

    public async Task<bool> TryAcquireLeaseAsync(string name, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken) =>
        await database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = connection.CreateCommand(
                "INSERT INTO ticket_poller (name, holder, lease_until, watermark) VALUES (@name, @holder, @until, NULL) " +
                "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, lease_until = excluded.lease_until " +
                "WHERE ticket_poller.holder = excluded.holder OR ticket_poller.holder IS NULL OR ticket_poller.lease_until IS NULL OR ticket_poller.lease_until <= @now",
                transaction, ("@name", name), ("@holder", holder), ("@until", (now + duration).ToUnixTimeMilliseconds()), ("@now", now.ToUnixTimeMilliseconds()));
            return await command.ExecuteNonQueryAsync(ct) == 1;
        }, cancellationToken);

    public async Task<DateTimeOffset?> GetWatermarkAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand("SELECT watermark FROM ticket_poller WHERE name = @name", null, ("@name", name));
        return await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull
            ? DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value, CultureInfo.InvariantCulture))
            : null;
    }

    public async Task SetWatermarkAsync(string name, DateTimeOffset watermark, CancellationToken cancellationToken) =>
        await database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = connection.CreateCommand(
                "INSERT INTO ticket_poller (name, holder, lease_until, watermark) VALUES (@name, NULL, NULL, @watermark) " +
                "ON CONFLICT (name) DO UPDATE SET watermark = excluded.watermark", transaction,
                ("@name", name), ("@watermark", watermark.ToUnixTimeMilliseconds()));
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);

    public async Task<int> DeleteRetiredAsync(DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        const string Retired = NotificationStorageMigrations.RetiredCondition + " AND changed_at < @cutoff";
        return await database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = connection.CreateCommand(
                $"WITH chunk AS MATERIALIZED (SELECT ticket_key FROM tracked_ticket WHERE {Retired} ORDER BY changed_at LIMIT @max) " +
                $"DELETE FROM tracked_ticket WHERE ticket_key IN (SELECT ticket_key FROM chunk) AND {Retired}", transaction,
                ("@cutoff", before.ToUnixTimeMilliseconds()), ("@max", max));
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);
    }

    private static TrackedTicketRecord Read(DbDataReader reader)
    {
        long Number(int i) => Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture);
        var state = new TrackedTicketState(
            reader.GetString(0),
            reader.GetString(5),
            reader.IsDBNull(6) ? null : reader.GetString(6),
            Number(7),
            reader.IsDBNull(8) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Number(8)));
        return new TrackedTicketRecord(state, reader.GetString(1), reader.GetString(2), reader.GetString(3), Notifying: Number(4) != 0, Done: Number(9) != 0);
    }
}
