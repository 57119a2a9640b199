using System.Globalization;
using Microsoft.Data.Sqlite;

namespace TeamsItBot.LocalTracker;

/// <summary>An attachment of a local issue (its bytes are read separately, see <see cref="LocalIssueStore.AttachmentContentAsync"/>).</summary>
public sealed record LocalAttachment(long Id, long IssueId, string FileName, string ContentType, long Size, DateTimeOffset Created);

/// <summary>Attachments: the bytes live in SQLite beside the issue, so the tracker has one file to back up.</summary>
internal sealed partial class LocalIssueStore
{
    public async Task<LocalAttachment> AddAttachmentAsync(long issueId, string fileName, string contentType, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        await using var connection = await OpenAsync(cancellationToken);
        var created = DateTimeOffset.UtcNow;
        var id = Convert.ToInt64(await ScalarAsync(connection, null,
            "INSERT INTO issue_attachments (issue_id, filename, content_type, size, content, created) VALUES ($issue, $name, $type, $size, $content, $created) RETURNING id",
            cancellationToken, ("$issue", issueId), ("$name", fileName), ("$type", contentType), ("$size", content.LongLength), ("$content", content),
            ("$created", created.ToString("O", CultureInfo.InvariantCulture))), CultureInfo.InvariantCulture);
        return new LocalAttachment(id, issueId, fileName, contentType, content.LongLength, created);
    }

    public async Task<IReadOnlyList<LocalAttachment>> AttachmentsAsync(long issueId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT id, issue_id, filename, content_type, size, created FROM issue_attachments WHERE issue_id = $issue ORDER BY id", [("$issue", issueId)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var attachments = new List<LocalAttachment>();
        while (await reader.ReadAsync(cancellationToken))
        {
            attachments.Add(new LocalAttachment(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4),
                DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture)));
        }

        return attachments;
    }

    /// <summary>The attachment of <paramref name="issueKey"/> with id <paramref name="id"/> and its bytes, or null.</summary>
    public async Task<(LocalAttachment Attachment, byte[] Content)?> AttachmentContentAsync(string issueKey, long id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            """
            SELECT a.id, a.issue_id, a.filename, a.content_type, a.size, a.created, a.content
            FROM issue_attachments a JOIN issues i ON i.id = a.issue_id WHERE a.id = $id AND i.key = $key
            """, [("$id", id), ("$key", issueKey.ToUpperInvariant())]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        var attachment = new LocalAttachment(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4),
            DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture));
        return (attachment, (byte[])reader.GetValue(6));
    }

    private static void EnsureAttachmentSchema(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS issue_attachments (
                id INTEGER PRIMARY KEY AUTOINCREMENT, issue_id INTEGER NOT NULL REFERENCES issues(id),
                filename TEXT NOT NULL, content_type TEXT NOT NULL, size INTEGER NOT NULL, content BLOB NOT NULL, created TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS issue_attachments_issue ON issue_attachments (issue_id);
            """;
        command.ExecuteNonQuery();
    }
}
