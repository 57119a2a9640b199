using System.Data.Common;
using System.Globalization;
using TeamsItBot.Tickets.FollowUp;
using TeamsItBot.Tickets.Notifications;

namespace TeamsItBot.Storage;

/// <summary>
/// <see cref="IChangeNoticeStore"/> over <c>ticket_change_notice</c>: insert-if-absent on the change's
/// id, claims as leases (PostgreSQL replicas skip each other's locked rows), settle only under one's
/// own lease.
/// </summary>
public sealed class RelationalChangeNoticeStore(StorageDatabase database) : IChangeNoticeStore
{
    private const string Columns =
        "notice_id, ticket_key, kind, from_value, to_value, author, summary, browse_url, current_status, state, attempts, next_attempt_at, " +
        "lease_owner, lease_until, last_error, created_at, updated_at";

    private const string Due = "state = 'pending' AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until <= @now)";

    private string LockClause => database.Provider == StorageProvider.Postgres ? "FOR UPDATE SKIP LOCKED" : string.Empty;

    public async Task<bool> AddIfAbsentAsync(ChangeNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return await database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = connection.CreateCommand(
                $"INSERT INTO ticket_change_notice ({Columns}) VALUES (@id, @key, @kind, @from, @to, @author, @summary, @url, @current, @state, @attempts, " +
                "@next, @owner, @until, @error, @created, @updated) ON CONFLICT (notice_id) DO NOTHING", transaction,
                ("@id", notice.Id), ("@key", notice.TicketKey), ("@kind", notice.Kind.ToString()), ("@from", notice.From), ("@to", notice.To),
                ("@author", notice.Author), ("@summary", notice.Summary), ("@url", notice.BrowseUrl), ("@current", notice.CurrentStatus),
                ("@state", StateName(notice.State)), ("@attempts", notice.Attempts), ("@next", notice.NextAttemptAt.ToUnixTimeMilliseconds()),
                ("@owner", notice.LeaseOwner), ("@until", notice.LeaseUntil?.ToUnixTimeMilliseconds()), ("@error", notice.LastError),
                ("@created", notice.CreatedAt.ToUnixTimeMilliseconds()), ("@updated", notice.UpdatedAt.ToUnixTimeMilliseconds()));
            return await command.ExecuteNonQueryAsync(ct) == 1;
        }, cancellationToken);
    }

    public async Task<ChangeNotice?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM ticket_change_notice WHERE notice_id = @id", null, ("@id", id));
        return (await ReadAllAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<ChangeNotice>> ClaimDueAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken)
    {
        var claimed = await database.WriteAsync(async (connection, transaction, ct) =>
        {
            // A materialized CTE, as in the outbox's sweep: PostgreSQL must not rescan a SKIP LOCKED subquery into a second chunk.
            await using var command = connection.CreateCommand(
                $"WITH chunk AS MATERIALIZED (SELECT notice_id FROM ticket_change_notice WHERE {Due} ORDER BY next_attempt_at, created_at, notice_id LIMIT @max {LockClause}) " +
                $"UPDATE ticket_change_notice SET attempts = attempts + 1, lease_owner = @owner, lease_until = @lease, updated_at = @now " +
                $"WHERE notice_id IN (SELECT notice_id FROM chunk) AND {Due} RETURNING {Columns}", transaction,
                ("@owner", owner), ("@lease", leaseUntil.ToUnixTimeMilliseconds()), ("@now", now.ToUnixTimeMilliseconds()), ("@max", max));
            return await ReadAllAsync(command, ct);
        }, cancellationToken);
        return [.. claimed.OrderBy(n => n.NextAttemptAt).ThenBy(n => n.CreatedAt).ThenBy(n => n.Id, StringComparer.Ordinal)];
    }

    public async Task<bool> SettleAsync(ChangeNotice notice, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return await database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = connection.CreateCommand(
                "UPDATE ticket_change_notice SET state = @state, next_attempt_at = @next, last_error = @error, lease_owner = NULL, lease_until = NULL, updated_at = @updated " +
                "WHERE notice_id = @id AND lease_owner = @owner", transaction,
                ("@id", notice.Id), ("@owner", owner), ("@state", StateName(notice.State)), ("@next", notice.NextAttemptAt.ToUnixTimeMilliseconds()),
                ("@error", notice.LastError), ("@updated", notice.UpdatedAt.ToUnixTimeMilliseconds()));
            return await command.ExecuteNonQueryAsync(ct) == 1;
        }, cancellationToken);
    }

    public async Task<int> DeleteSettledAsync(DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        const string Settled = "state <> 'pending' AND updated_at < @cutoff";
        return await database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = connection.CreateCommand(
                $"WITH chunk AS MATERIALIZED (SELECT notice_id FROM ticket_change_notice WHERE {Settled} ORDER BY updated_at LIMIT @max) " +
                $"DELETE FROM ticket_change_notice WHERE notice_id IN (SELECT notice_id FROM chunk) AND {Settled}", transaction,
                ("@cutoff", before.ToUnixTimeMilliseconds()), ("@max", max));
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);
    }

    private static async Task<List<ChangeNotice>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var notices = new List<ChangeNotice>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            long Number(int i) => Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture);
            notices.Add(new ChangeNotice
            {
                Id = reader.GetString(0),
                TicketKey = reader.GetString(1),
                Kind = Enum.Parse<TicketChangeKind>(reader.GetString(2)),
                From = Text(3),
                To = reader.GetString(4),
                Author = Text(5),
                Summary = Text(6),
                BrowseUrl = Text(7),
                CurrentStatus = Text(8),
                State = ParseState(reader.GetString(9)),
                Attempts = (int)Number(10),
                NextAttemptAt = DateTimeOffset.FromUnixTimeMilliseconds(Number(11)),
                LeaseOwner = Text(12),
                LeaseUntil = reader.IsDBNull(13) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Number(13)),
                LastError = Text(14),
                CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(Number(15)),
                UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(Number(16)),
            });
        }

        return notices;
    }

    private static string StateName(ChangeNoticeState state) => state switch
    {
        ChangeNoticeState.Pending => "pending",
        ChangeNoticeState.Delivered => "delivered",
        _ => "dropped",
    };

    private static ChangeNoticeState ParseState(string name) => name switch
    {
        "pending" => ChangeNoticeState.Pending,
        "delivered" => ChangeNoticeState.Delivered,
        "dropped" => ChangeNoticeState.Dropped,
        _ => throw new InvalidDataException($"Unknown change notice state '{name}'."),
    };
}
