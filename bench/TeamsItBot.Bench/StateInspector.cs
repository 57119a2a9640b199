using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace TeamsItBot.Bench;

/// <summary>What the bot's SQLite file holds per conversation after the flows ended.</summary>
public sealed record StateSize(
    long ConversationRows,
    double BytesPerConversation,
    long LargestBytes,
    IReadOnlyList<(string Property, int Bytes)> Breakdown,
    long DedupRows,
    double DedupBytesPerRow,
    long FileBytes,
    double? DiskBytesPerConversation = null);

public static class StateInspector
{
    public static StateSize Measure(string databasePath)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        using var connection = new SqliteConnection(builder.ConnectionString);
        connection.Open();

        long rows = 0, total = 0, largest = 0;
        string? sample = null;
        using (var command = connection.CreateCommand())
        {
            // Key, document, etag and the 8-byte timestamp: the row's payload, not SQLite's page overhead.
            command.CommandText = "SELECT length(CAST(key AS BLOB)) + length(CAST(document AS BLOB)) + length(CAST(etag AS BLOB)) + 8, document " +
                "FROM bot_state WHERE key LIKE 'msteams/conversations/a:bench-%'";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var bytes = reader.GetInt64(0);
                rows++;
                total += bytes;
                if (bytes > largest)
                {
                    largest = bytes;
                    sample = reader.GetString(1);
                }
            }
        }

        var breakdown = new List<(string, int)>();
        if (sample is not null)
        {
            using var document = JsonDocument.Parse(sample);
            Walk(document.RootElement, string.Empty, 0, breakdown);
        }

        long dedupRows = 0, dedupBytes = 0;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT count(*), coalesce(sum(length(CAST(conversation_id AS BLOB)) + length(CAST(activity_id AS BLOB)) + " +
                "length(state) + length(claim_token) + coalesce(length(CAST(invoke_response AS BLOB)), 0) + 8), 0) FROM activity_dedup";
            using var reader = command.ExecuteReader();
            reader.Read();
            dedupRows = reader.GetInt64(0);
            dedupBytes = reader.GetInt64(1);
        }

        var files = new[] { databasePath, databasePath + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
        var stateDisk = StatePagesBytes(connection);
        return new StateSize(rows, rows == 0 ? 0 : (double)total / rows, largest, breakdown, dedupRows,
            dedupRows == 0 ? 0 : (double)dedupBytes / dedupRows, files, stateDisk is null || rows == 0 ? null : (double)stateDisk / rows);
    }

    /// <summary>The pages the state table and its key index occupy (page overhead and free space included), if SQLite has dbstat.</summary>
    private static long? StatePagesBytes(SqliteConnection connection)
    {
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT sum(pgsize) FROM dbstat WHERE name IN ('bot_state', 'sqlite_autoindex_bot_state_1')";
            return command.ExecuteScalar() is long bytes ? bytes : null;
        }
        catch (SqliteException)
        {
            return null;
        }
    }

    /// <summary>Bytes of each property two levels down, largest first, so the report says what to shrink.</summary>
    private static void Walk(JsonElement element, string path, int depth, List<(string, int)> into)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            var name = path.Length == 0 ? property.Name : path + "." + property.Name;
            into.Add((name, System.Text.Encoding.UTF8.GetByteCount(property.Value.GetRawText())));
            if (depth < 1)
            {
                Walk(property.Value, name, depth + 1, into);
            }
        }
    }

    public static string Describe(StateSize size) =>
        string.Join(", ", size.Breakdown.OrderByDescending(b => b.Bytes).Take(8)
            .Select(b => $"{b.Property} {b.Bytes.ToString(CultureInfo.InvariantCulture)} B"));
}
