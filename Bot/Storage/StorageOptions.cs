namespace TeamsItBot.Storage;

public enum StorageProvider
{
    /// <summary>In-process only; state and de-duplication are lost on restart. Development and tests.</summary>
    Memory,

    /// <summary>An embedded SQLite file (WAL); one process. The default.</summary>
    Sqlite,

    /// <summary>PostgreSQL, shared by several replicas.</summary>
    Postgres,
}

/// <summary>
/// Configuration section <c>Storage</c> (environment <c>Storage__Provider</c>, <c>Storage__ConnectionString</c>).
/// Without a connection string, SQLite uses <c>bot.db</c> in <c>BOT_DATA_DIR</c>
/// (default: <c>data</c> beside the app).
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";
    public const string DataDirectoryVariable = "BOT_DATA_DIR";
    public const string DefaultSqliteFileName = "bot.db";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// <c>Storage__SqliteSynchronous</c>: Normal (default) commits without waiting for the disk;
    /// in WAL mode that survives a crash or kill of the process, and only an OS crash or power
    /// loss can lose the last commits. Full waits for the disk on every commit (several ms each).
    /// </summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Normal;

    /// <summary>Npgsql connection string for Postgres; SQLite connection string (or none) for Sqlite.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The data directory the configuration names, or <c>data</c> beside the app.</summary>
    public static string ResolveDataDirectory(string? configured) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? Path.Combine(AppContext.BaseDirectory, "data") : configured);
}

/// <summary>SQLite's <c>PRAGMA synchronous</c> levels that are safe in WAL mode.</summary>
public enum SqliteSynchronous
{
    /// <summary>Durable against process crashes; an OS crash or power loss may drop the last commits.</summary>
    Normal,

    /// <summary>Every commit waits for the disk (fsync); durable against power loss.</summary>
    Full,
}
