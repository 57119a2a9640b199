using System.Globalization;
using Microsoft.Data.Sqlite;

namespace TeamsItBot.LocalTracker;

/// <summary>Comments, status changes and their history.</summary>
internal sealed partial class LocalIssueStore
{
    public async Task<LocalComment?> AddCommentAsync(string key, string author, string body, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        if (await ScalarAsync(connection, transaction, "SELECT id FROM issues WHERE key = $key", cancellationToken, ("$key", key.ToUpperInvariant())) is not long issueId)
        {
            return null;
        }

        var now = DateTimeOffset.UtcNow;
        var id = await InsertCommentAsync(connection, transaction, issueId, author, body, now, cancellationToken);
        await TouchAsync(connection, transaction, issueId, author, "commented", now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new LocalComment(id, author, body, now);
    }

    /// <summary>
    /// Applies transition <paramref name="transitionId"/> if the current status offers it, adding the
    /// comment in the same transaction. Null when the issue does not exist; false when the move is not offered.
    /// </summary>
    public async Task<bool?> TransitionAsync(string key, int transitionId, string who, string? comment, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var read = Command(connection, transaction, "SELECT id, status FROM issues WHERE key = $key", [("$key", key.ToUpperInvariant())]))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken)) return null;
            var issueId = reader.GetInt64(0);
            var status = reader.GetString(1);
            await reader.DisposeAsync();
            if (LocalWorkflow.From(status).FirstOrDefault(t => t.Id == transitionId) is not { } move) return false;
            var now = DateTimeOffset.UtcNow;
            await ScalarAsync(connection, transaction, "UPDATE issues SET status = $status WHERE id = $id", cancellationToken, ("$status", move.To), ("$id", issueId));
            if (!string.IsNullOrWhiteSpace(comment)) await InsertCommentAsync(connection, transaction, issueId, who, comment, now, cancellationToken);
            await TouchAsync(connection, transaction, issueId, who, $"changed the status from {status} to {move.To}", now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The newest <paramref name="limit"/> comments, oldest first (as mcp-atlassian returns them).</summary>
    public async Task<IReadOnlyList<LocalComment>> CommentsAsync(long issueId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT id, author, body, created FROM (SELECT * FROM issue_comments WHERE issue_id = $id ORDER BY id DESC LIMIT $limit) ORDER BY id ASC",
            [("$id", issueId), ("$limit", limit)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var comments = new List<LocalComment>();
        while (await reader.ReadAsync(cancellationToken))
        {
            comments.Add(new LocalComment(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture)));
        }

        return comments;
    }

    public async Task<IReadOnlyList<LocalHistoryEntry>> HistoryAsync(long issueId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT at, who, what FROM issue_history WHERE issue_id = $id ORDER BY id ASC", [("$id", issueId)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<LocalHistoryEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new LocalHistoryEntry(DateTimeOffset.Parse(reader.GetString(0), CultureInfo.InvariantCulture), reader.GetString(1), reader.GetString(2)));
        }

        return entries;
    }

    private static async Task<long> InsertCommentAsync(SqliteConnection connection, SqliteTransaction transaction, long issueId, string author, string body,
        DateTimeOffset now, CancellationToken cancellationToken) =>
        Convert.ToInt64(await ScalarAsync(connection, transaction,
            "INSERT INTO issue_comments (issue_id, author, body, created) VALUES ($issue, $author, $body, $created) RETURNING id",
            cancellationToken, ("$issue", issueId), ("$author", author), ("$body", body), ("$created", now.ToString("O", CultureInfo.InvariantCulture))),
            CultureInfo.InvariantCulture);

    private static async Task TouchAsync(SqliteConnection connection, SqliteTransaction transaction, long issueId, string who, string what,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var at = now.ToString("O", CultureInfo.InvariantCulture);
        await ScalarAsync(connection, transaction, "UPDATE issues SET updated = $at WHERE id = $id", cancellationToken, ("$at", at), ("$id", issueId));
        await ScalarAsync(connection, transaction, "INSERT INTO issue_history (issue_id, at, who, what) VALUES ($id, $at, $who, $what)",
            cancellationToken, ("$id", issueId), ("$at", at), ("$who", who), ("$what", what));
    }

    /// <summary>Tables added with follow-up support; an older database gains the updated column in place.</summary>
    private static void EnsureActivitySchema(SqliteConnection connection)
    {
        using var check = connection.CreateCommand();
        check.CommandText = "SELECT COUNT(*) FROM pragma_table_info('issues') WHERE name = 'updated'";
        var hasUpdated = Convert.ToInt64(check.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
        using var command = connection.CreateCommand();
        command.CommandText = (hasUpdated ? string.Empty : "ALTER TABLE issues ADD COLUMN updated TEXT;") + """
            CREATE TABLE IF NOT EXISTS issue_comments (
                id INTEGER PRIMARY KEY AUTOINCREMENT, issue_id INTEGER NOT NULL REFERENCES issues(id),
                author TEXT NOT NULL, body TEXT NOT NULL, created TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS issue_comments_issue ON issue_comments (issue_id, id);
            CREATE TABLE IF NOT EXISTS issue_history (
                id INTEGER PRIMARY KEY AUTOINCREMENT, issue_id INTEGER NOT NULL REFERENCES issues(id),
                at TEXT NOT NULL, who TEXT NOT NULL, what TEXT NOT NULL);
            INSERT INTO sqlite_sequence (name, seq) SELECT 'issue_comments', 10000
                WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'issue_comments');
            """;
        command.ExecuteNonQuery();
    }
}
