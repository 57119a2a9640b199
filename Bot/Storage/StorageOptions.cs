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

    /// <summary>Npgsql connection string for Postgres; SQLite connection string (or none) for Sqlite.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The data directory the configuration names, or <c>data</c> beside the app.</summary>
    public static string ResolveDataDirectory(string? configured) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? Path.Combine(AppContext.BaseDirectory, "data") : configured);
}
