using System.Data.Common;
using System.Text.Json;
using TeamsItBot.Tickets;
using TeamsItBot.Tickets.Outbox;

namespace TeamsItBot.Storage;

/// <summary>
/// <see cref="ITicketOutboxStore"/> over the table <c>ticket_outbox</c>. Each operation is one
/// statement whose WHERE clause is the rule (insert-if-absent, claim only if due and unleased,
/// update only under one's own lease), so the database decides every race.
/// </summary>
public abstract class RelationalTicketOutboxStore(StorageDatabase database) : ITicketOutboxStore
{
    private const string ColumnList =
        "draft_id, draft, notify_target, status, attempts, next_attempt_at, lease_owner, lease_until, ticket_key, browse_url, " +
        "last_error, last_failure, notify_pending, created_at, armed_at, updated_at";

    private const string Due = "next_attempt_at <= @now AND (lease_until IS NULL OR lease_until <= @now)";
    private const string Sendable = "status IN ('pending', 'sending')";

    private const string ClaimSet =
        "status = CASE WHEN status = 'pending' THEN 'sending' ELSE status END, " +
        "attempts = CASE WHEN status IN ('pending', 'sending') THEN attempts + 1 ELSE attempts END, " +
        "lease_owner = @owner, lease_until = @lease, updated_at = @now";

    private static readonly JsonSerializerOptions DraftJson = new(JsonSerializerDefaults.Web);

    /// <summary>The row lock clause of the batch claim's inner SELECT (PostgreSQL: FOR UPDATE SKIP LOCKED).</summary>
    protected abstract string ClaimLockClause { get; }

    public async Task<(OutboxItem Item, bool Added)> AddIfAbsentAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var parameters = Parameters(item);
        var added = await database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var insert = connection.CreateCommand(
                $"INSERT INTO ticket_outbox ({ColumnList}) VALUES (@draft_id, @draft, @notify_target, @status, @attempts, @next_attempt_at, " +
                "@lease_owner, @lease_until, @ticket_key, @browse_url, @last_error, @last_failure, @notify_pending, @created_at, @armed_at, @updated_at) " +
                "ON CONFLICT (draft_id) DO NOTHING", transaction, parameters);
            return await insert.ExecuteNonQueryAsync(ct) == 1;
        }, cancellationToken);
        if (added)
        {
            return (item, true);
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return (await GetAsync(connection, item.DraftId, cancellationToken)
            ?? throw new InvalidOperationException($"Outbox item {item.DraftId} conflicted but cannot be read."), false);
    }

    public async Task<OutboxItem?> GetAsync(string draftId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await GetAsync(connection, draftId, cancellationToken);
    }

    public async Task<OutboxItem?> TryClaimAsync(string draftId, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var claimed = await database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = connection.CreateCommand(
                $"UPDATE ticket_outbox SET {ClaimSet} WHERE draft_id = @draft_id AND {Sendable} AND {Due} RETURNING {ColumnList}", transaction,
                ("@draft_id", draftId), ("@owner", owner), ("@lease", leaseUntil.ToUnixTimeMilliseconds()), ("@now", now.ToUnixTimeMilliseconds()));
            return await ReadAllAsync(command, ct);
        }, cancellationToken);
        return claimed.SingleOrDefault();
    }

    public async Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken)
    {
        return await database.WriteAsync<IReadOnlyList<OutboxItem>>(async (connection, transaction, ct) =>
        {
            await using var command = connection.CreateCommand(
                $"UPDATE ticket_outbox SET {ClaimSet} WHERE draft_id IN (" +
                $"SELECT draft_id FROM ticket_outbox WHERE ({Sendable} OR notify_pending = 1) AND {Due} " +
                $"ORDER BY next_attempt_at LIMIT @max {ClaimLockClause}) RETURNING {ColumnList}", transaction,
                ("@owner", owner), ("@lease", leaseUntil.ToUnixTimeMilliseconds()), ("@now", now.ToUnixTimeMilliseconds()), ("@max", max));
            return await ReadAllAsync(command, ct);
        }, cancellationToken);
    }

    public async Task<bool> UpdateAsync(OutboxItem item, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        (string, object?)[] parameters = [.. Parameters(item), ("@owner", owner)];
        return await database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = connection.CreateCommand(
                "UPDATE ticket_outbox SET status = @status, attempts = @attempts, next_attempt_at = @next_attempt_at, lease_owner = @lease_owner, " +
                "lease_until = @lease_until, ticket_key = @ticket_key, browse_url = @browse_url, last_error = @last_error, last_failure = @last_failure, " +
                "notify_pending = @notify_pending, armed_at = @armed_at, updated_at = @updated_at " +
                "WHERE draft_id = @draft_id AND (lease_owner = @owner OR (@status = 'created' AND status <> 'created'))", transaction,
                parameters);
            return await command.ExecuteNonQueryAsync(ct) == 1;
        }, cancellationToken);
    }

    public async Task<bool> RearmAsync(string draftId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        return await database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = connection.CreateCommand(
                "UPDATE ticket_outbox SET status = 'pending', next_attempt_at = @now, armed_at = @now, notify_pending = 0, updated_at = @now " +
                "WHERE draft_id = @draft_id AND status = 'given_up' AND (lease_until IS NULL OR lease_until <= @now)", transaction,
                ("@draft_id", draftId), ("@now", now.ToUnixTimeMilliseconds()));
            return await command.ExecuteNonQueryAsync(ct) == 1;
        }, cancellationToken);
    }

    public async Task<int> DeleteSettledAsync(DateTimeOffset settledBefore, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        // The outer WHERE repeats the rule, so a row re-armed after the chunk was chosen is kept.
        const string Settled = OutboxStorageMigrations.SettledCondition +
            " AND notify_pending = 0 AND updated_at < @cutoff AND (lease_until IS NULL OR lease_until <= @now)";
        return await database.WriteAsync(async (connection, transaction, ct) =>
        {
            // A materialized CTE: PostgreSQL may rescan an IN (... LIMIT ... SKIP LOCKED) subquery on the
            // inner side of a join, and each rescan yields another chunk (10 rows deleted for a LIMIT of 3).
            await using var command = connection.CreateCommand(
                $"WITH chunk AS MATERIALIZED (SELECT draft_id FROM ticket_outbox WHERE {Settled} ORDER BY updated_at LIMIT @max {ClaimLockClause}) " +
                $"DELETE FROM ticket_outbox WHERE draft_id IN (SELECT draft_id FROM chunk) AND {Settled}", transaction,
                ("@cutoff", settledBefore.ToUnixTimeMilliseconds()), ("@now", now.ToUnixTimeMilliseconds()), ("@max", max));
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);
    }

    private static async Task<OutboxItem?> GetAsync(DbConnection connection, string draftId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand($"SELECT {ColumnList} FROM ticket_outbox WHERE draft_id = @draft_id", null, ("@draft_id", draftId));
        return (await ReadAllAsync(command, cancellationToken)).SingleOrDefault();
    }

    private static async Task<List<OutboxItem>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var items = new List<OutboxItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(Read(reader));
        }

        return items;
    }

    private static OutboxItem Read(DbDataReader reader)
    {
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        DateTimeOffset Time(int i) => DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture));
        return new OutboxItem
        {
            DraftId = reader.GetString(0),
            Draft = JsonSerializer.Deserialize<TicketDraft>(reader.GetString(1), DraftJson)
                ?? throw new InvalidDataException($"Outbox item {reader.GetString(0)} has no draft."),
            NotifyTarget = Text(2),
            Status = ParseStatus(reader.GetString(3)),
            Attempts = Convert.ToInt32(reader.GetValue(4), System.Globalization.CultureInfo.InvariantCulture),
            NextAttemptAt = Time(5),
            LeaseOwner = Text(6),
            LeaseUntil = reader.IsDBNull(7) ? null : Time(7),
            TicketKey = Text(8),
            BrowseUrl = Text(9),
            LastError = Text(10),
            LastFailure = Text(11) is { } failure && Enum.TryParse<TicketFailure>(failure, out var parsed) ? parsed : null,
            NotifyPending = Convert.ToInt32(reader.GetValue(12), System.Globalization.CultureInfo.InvariantCulture) != 0,
            CreatedAt = Time(13),
            ArmedAt = Time(14),
            UpdatedAt = Time(15),
        };
    }

    private static (string, object?)[] Parameters(OutboxItem item) =>
    [
        ("@draft_id", item.DraftId),
        ("@draft", JsonSerializer.Serialize(item.Draft, DraftJson)),
        ("@notify_target", item.NotifyTarget),
        ("@status", StatusName(item.Status)),
        ("@attempts", item.Attempts),
        ("@next_attempt_at", item.NextAttemptAt.ToUnixTimeMilliseconds()),
        ("@lease_owner", item.LeaseOwner),
        ("@lease_until", item.LeaseUntil?.ToUnixTimeMilliseconds()),
        ("@ticket_key", item.TicketKey),
        ("@browse_url", item.BrowseUrl),
        ("@last_error", item.LastError),
        ("@last_failure", item.LastFailure?.ToString()),
        ("@notify_pending", item.NotifyPending ? 1 : 0),
        ("@created_at", item.CreatedAt.ToUnixTimeMilliseconds()),
        ("@armed_at", item.ArmedAt.ToUnixTimeMilliseconds()),
        ("@updated_at", item.UpdatedAt.ToUnixTimeMilliseconds()),
    ];

    public static string StatusName(OutboxStatus status) => status switch
    {
        OutboxStatus.Pending => "pending",
        OutboxStatus.Sending => "sending",
        OutboxStatus.Created => "created",
        _ => "given_up",
    };

    private static OutboxStatus ParseStatus(string name) => name switch
    {
        "pending" => OutboxStatus.Pending,
        "sending" => OutboxStatus.Sending,
        "created" => OutboxStatus.Created,
        "given_up" => OutboxStatus.GivenUp,
        _ => throw new InvalidDataException($"Unknown outbox status '{name}'."),
    };
}
