using System.Data.Common;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsItBot.Framework.State;

namespace TeamsItBot.Storage;

/// <summary>
/// <see cref="IStorage"/> over the table <c>bot_state(key, document, etag, updated_at)</c>. Every
/// conditional write is one statement whose row count says whether the condition held, so the
/// check and the write cannot be separated by another writer; a write call is one transaction,
/// rolled back whole on the first conflict.
/// </summary>
public abstract class RelationalStorage(StorageDatabase database, TimeProvider timeProvider) : IStorage
{
    private const string InsertSql =
        "INSERT INTO bot_state (key, document, etag, updated_at) VALUES (@key, @document, @etag, @now) ON CONFLICT (key) DO NOTHING";

    /// <summary>Replaces the row whose ETag is <c>@expected</c>; changes no row when the ETag moved on.</summary>
    protected virtual string UpdateSql =>
        "UPDATE bot_state SET document = @document, etag = @etag, updated_at = @now WHERE key = @key AND etag = @expected";

    /// <summary>Writes the row whatever is there.</summary>
    protected virtual string UpsertSql =>
        "INSERT INTO bot_state (key, document, etag, updated_at) VALUES (@key, @document, @etag, @now) " +
        "ON CONFLICT (key) DO UPDATE SET document = excluded.document, etag = excluded.etag, updated_at = excluded.updated_at";

    // The column is never embedded in HTML: "<", "+" or "'" need no \uXXXX escapes, which only make rows bigger.
    private static readonly JsonSerializerOptions StoredJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<IDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var result = new Dictionary<string, StoreItem>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return result;
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = KeyListCommand(connection, null, "SELECT key, document, etag FROM bot_state WHERE key IN ", keys);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var document = JsonNode.Parse(reader.GetString(1)) as JsonObject
                ?? throw new InvalidDataException($"The stored item '{reader.GetString(0)}' is not a JSON object.");
            result[reader.GetString(0)] = new StoreItem(document, reader.GetString(2));
        }

        return result;
    }

    public async Task WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        // A fixed order: two multi-key writers then lock rows in the same order and cannot deadlock.
        var rows = changes.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => (c.Key, c.Value.ETag, Json: c.Value.Document.ToJsonString(StoredJson)))
            .ToList();
        await database.WriteAsync(async (connection, transaction, ct) =>
        {
            foreach (var (key, etag, json) in rows)
            {
                var (sql, expected) = etag switch
                {
                    null => (InsertSql, null),
                    "*" => (UpsertSql, null),
                    _ => (UpdateSql, etag),
                };
                await using var command = expected is null
                    ? connection.CreateCommand(sql, transaction, ("@key", key), ("@document", json), ("@etag", NewETag()), ("@now", now))
                    : connection.CreateCommand(sql, transaction, ("@key", key), ("@document", json), ("@etag", NewETag()), ("@now", now), ("@expected", expected));

                // Throwing undoes this call's earlier rows too: the write is all or nothing.
                if (await command.ExecuteNonQueryAsync(ct) == 0)
                {
                    throw new StorageConcurrencyException(key);
                }
            }

            return rows.Count;
        }, cancellationToken);
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return;
        }

        await database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = KeyListCommand(connection, transaction, "DELETE FROM bot_state WHERE key IN ", keys);
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);
    }

    /// <summary>
    /// Retention: one page of keys in key order after <paramref name="after"/> (null: from the start),
    /// and which of them were last written before <paramref name="writtenBefore"/>. A read, not a
    /// write: paging by the primary key needs no index on the write time, so turns' writes maintain
    /// nothing extra for the sweep. <c>Next</c> is null once the table has been read to its end.
    /// </summary>
    public async Task<(IReadOnlyList<string> Idle, string? Next)> FindIdleAsync(string? after, DateTimeOffset writtenBefore, int page,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        // updated_at is written with the UTC clock on every write (SQLite: ISO text, PostgreSQL: timestamptz),
        // so comparing it with a UTC cutoff orders correctly in both.
        const string Select = "SELECT key, CASE WHEN updated_at < @cutoff THEN 1 ELSE 0 END FROM bot_state ";
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = after is null
            ? connection.CreateCommand(Select + "ORDER BY key LIMIT @page", null, ("@cutoff", writtenBefore), ("@page", page))
            : connection.CreateCommand(Select + "WHERE key > @after ORDER BY key LIMIT @page", null,
                ("@cutoff", writtenBefore), ("@page", page), ("@after", after));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var idle = new List<string>();
        string? last = null;
        var read = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            last = reader.GetString(0);
            read++;
            if (Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture) == 1)
            {
                idle.Add(last);
            }
        }

        return (idle, read < page ? null : last);
    }

    /// <summary>Retention: deletes those of <paramref name="keys"/> still not written since <paramref name="writtenBefore"/>.</summary>
    public async Task<int> DeleteIdleAsync(IReadOnlyCollection<string> keys, DateTimeOffset writtenBefore, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return 0;
        }

        // The time is checked again here: a conversation that came back since it was found is kept.
        return await database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = KeyListCommand(connection, transaction, "DELETE FROM bot_state WHERE key IN ", keys, " AND updated_at < @cutoff");
            var cutoff = command.CreateParameter();
            cutoff.ParameterName = "@cutoff";
            cutoff.Value = writtenBefore;
            command.Parameters.Add(cutoff);
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);
    }

    private static DbCommand KeyListCommand(DbConnection connection, DbTransaction? transaction, string sqlPrefix, IReadOnlyCollection<string> keys,
        string sqlSuffix = "")
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder(sqlPrefix).Append('(');
        var i = 0;
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            var name = $"@k{i}";
            sql.Append(i++ == 0 ? "" : ", ").Append(name);
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = key;
            command.Parameters.Add(parameter);
        }

        command.CommandText = sql.Append(')').Append(sqlSuffix).ToString();
        return command;
    }

    // Random, not a counter: ETags must not repeat across processes or after a restore.
    private static string NewETag() => Guid.NewGuid().ToString("N");
}
