using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace TeamsItBot.LocalTracker;

/// <summary>SQLite storage of local issues. Keys are allocated inside the insert's write transaction.</summary>
internal sealed partial class LocalIssueStore(IOptions<LocalTrackerOptions> options)
{
    private const string Columns = "id, key, project, summary, description, issue_type, priority, assignee, labels, components, status, created, COALESCE(updated, created)";

    private readonly Lock _schemaLock = new();
    private volatile bool _schemaReady;

    public string DatabasePath => options.Value.DatabasePath;

    public async Task<LocalIssue> CreateAsync(NewLocalIssue issue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issue);
        await using var connection = await OpenAsync(cancellationToken);
        // BEGIN IMMEDIATE takes the write lock first, so two creators cannot read the same counter.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var number = Convert.ToInt64(await ScalarAsync(connection, transaction,
            "INSERT INTO issue_counters (project, last) VALUES ($project, 1) ON CONFLICT(project) DO UPDATE SET last = last + 1 RETURNING last",
            cancellationToken, ("$project", issue.Project)), CultureInfo.InvariantCulture);
        var key = $"{issue.Project}-{number}";
        var created = DateTimeOffset.UtcNow;
        var id = Convert.ToInt64(await ScalarAsync(connection, transaction,
            """
            INSERT INTO issues (key, project, number, summary, description, issue_type, priority, assignee, labels, components, status, created, updated)
            VALUES ($key, $project, $number, $summary, $description, $type, $priority, $assignee, $labels, $components, 'To Do', $created, $created)
            RETURNING id
            """,
            cancellationToken,
            ("$key", key), ("$project", issue.Project), ("$number", number), ("$summary", issue.Summary),
            ("$description", issue.Description), ("$type", issue.IssueType), ("$priority", issue.Priority),
            ("$assignee", issue.Assignee), ("$labels", JsonSerializer.Serialize(issue.Labels)),
            ("$components", JsonSerializer.Serialize(issue.Components)), ("$created", created.ToString("O", CultureInfo.InvariantCulture))), CultureInfo.InvariantCulture);
        foreach (var label in issue.Labels.Distinct(StringComparer.Ordinal))
        {
            await ScalarAsync(connection, transaction, "INSERT INTO issue_labels (issue_id, label) VALUES ($id, $label)",
                cancellationToken, ("$id", id), ("$label", label));
        }

        await transaction.CommitAsync(cancellationToken);
        return new LocalIssue(id, key, issue.Project, issue.Summary, issue.Description, issue.IssueType, issue.Priority,
            issue.Assignee, issue.Labels, issue.Components, "To Do", created, created);
    }

    public async Task<LocalIssue?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var found = await QueryAsync($"SELECT {Columns} FROM issues WHERE key = $key", 1, cancellationToken, ("$key", key.ToUpperInvariant()));
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<LocalIssue>> SearchAsync(LocalIssueQuery query, int limit, CancellationToken cancellationToken) =>
        SearchAsync(query, limit, 0, cancellationToken);

    public Task<IReadOnlyList<LocalIssue>> SearchAsync(LocalIssueQuery query, int limit, int offset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var conditions = new List<string>();
        var parameters = new List<(string, object?)>();
        void Add(string condition, string name, object? value)
        {
            conditions.Add(condition);
            parameters.Add((name, value));
        }

        if (query.Project is not null) Add("project = $project", "$project", query.Project.ToUpperInvariant());
        if (query.Key is not null) Add("key = $key", "$key", query.Key.ToUpperInvariant());
        if (query.Status is not null) Add("status = $status COLLATE NOCASE", "$status", query.Status);
        if (query.IssueType is not null) Add("issue_type = $type COLLATE NOCASE", "$type", query.IssueType);
        for (var i = 0; i < query.Labels.Count; i++)
        {
            Add($"EXISTS (SELECT 1 FROM issue_labels l WHERE l.issue_id = issues.id AND l.label = $label{i})", $"$label{i}", query.Labels[i]);
        }

        if (query.StatusCategory is not null)
        {
            var statuses = LocalWorkflow.StatusesIn(query.StatusCategory);
            var list = statuses.Count == 0 ? "''" : string.Join(", ", statuses.Select((_, i) => $"$category{i}"));
            conditions.Add($"status {(query.StatusCategoryNegated ? "NOT IN" : "IN")} ({list})");
            parameters.AddRange(statuses.Select((s, i) => ($"$category{i}", (object?)s)));
        }

        if (query.UpdatedWithinMinutes is { } minutes)
        {
            // Minute precision, as Jira's: the whole starting minute counts.
            var since = DateTimeOffset.UtcNow.AddMinutes(-minutes);
            Add("COALESCE(updated, created) >= $since", "$since", new DateTimeOffset(since.Year, since.Month, since.Day, since.Hour, since.Minute, 0, TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture));
        }

        var where = conditions.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", conditions);
        var order = query.Order switch
        {
            LocalIssueOrder.OldestFirst => "id ASC",
            LocalIssueOrder.LeastRecentlyUpdatedFirst => "COALESCE(updated, created) ASC, id ASC",
            _ => "id DESC",
        };
        return QueryAsync($"SELECT {Columns} FROM issues {where} ORDER BY {order} LIMIT $limit OFFSET $offset", limit, cancellationToken,
            [.. parameters, ("$limit", limit), ("$offset", offset)]);
    }

    /// <summary>Opens the database (creating it if needed) and runs a trivial query.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ScalarAsync(connection, null, "SELECT 1", cancellationToken);
    }

    private async Task<IReadOnlyList<LocalIssue>> QueryAsync(string sql, int limit, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var issues = new List<LocalIssue>();
        while (issues.Count < limit && await reader.ReadAsync(cancellationToken))
        {
            issues.Add(new LocalIssue(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                JsonSerializer.Deserialize<string[]>(reader.GetString(8)) ?? [],
                JsonSerializer.Deserialize<string[]>(reader.GetString(9)) ?? [],
                reader.GetString(10), DateTimeOffset.Parse(reader.GetString(11), CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(reader.GetString(12), CultureInfo.InvariantCulture)));
        }

        return issues;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var path = options.Value.DatabasePath;
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30 }.ToString());
        if (!_schemaReady)
        {
            EnsureSchema(path);
        }

        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>Runs once per process, before the first query; creates the directory and tables.</summary>
    private void EnsureSchema(string path)
    {
        lock (_schemaLock)
        {
            if (_schemaReady) return;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30 }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS issue_counters (project TEXT PRIMARY KEY, last INTEGER NOT NULL);
                CREATE TABLE IF NOT EXISTS issues (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE, project TEXT NOT NULL,
                    number INTEGER NOT NULL, summary TEXT NOT NULL, description TEXT, issue_type TEXT NOT NULL,
                    priority TEXT, assignee TEXT, labels TEXT NOT NULL, components TEXT NOT NULL,
                    status TEXT NOT NULL, created TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS issue_labels (
                    issue_id INTEGER NOT NULL REFERENCES issues(id), label TEXT NOT NULL, PRIMARY KEY (issue_id, label));
                """;
            command.ExecuteNonQuery();
            EnsureActivitySchema(connection);
            EnsureAttachmentSchema(connection);
            _schemaReady = true;
        }
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql,
        CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
