using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace TeamsItBot.Storage;

/// <summary>Refuses to start with a storage configuration that cannot work, naming the setting to fix.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (!Enum.IsDefined(options.Provider))
        {
            return ValidateOptionsResult.Fail("Storage__Provider must be one of Memory, Sqlite, Postgres.");
        }

        if (!Enum.IsDefined(options.SqliteSynchronous))
        {
            return ValidateOptionsResult.Fail("Storage__SqliteSynchronous must be Normal or Full.");
        }

        switch (options.Provider)
        {
            case StorageProvider.Postgres when string.IsNullOrWhiteSpace(options.ConnectionString):
                return ValidateOptionsResult.Fail(
                    "Storage__Provider is Postgres but Storage__ConnectionString is not set (e.g. \"Host=db;Database=bot;Username=bot;Password=...\").");
            case StorageProvider.Postgres:
                try
                {
                    _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
                }
                catch (ArgumentException)
                {
                    // The message of the parser may quote the password; say only where the problem is.
                    return ValidateOptionsResult.Fail("Storage__ConnectionString is not a valid PostgreSQL connection string.");
                }

                break;
            case StorageProvider.Sqlite when !string.IsNullOrWhiteSpace(options.ConnectionString):
                try
                {
                    var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
                    if (string.IsNullOrWhiteSpace(builder.DataSource))
                    {
                        return ValidateOptionsResult.Fail("Storage__ConnectionString for Sqlite must name a file (Data Source=...).");
                    }
                }
                catch (ArgumentException)
                {
                    return ValidateOptionsResult.Fail("Storage__ConnectionString is not a valid SQLite connection string.");
                }

                break;
        }

        return ValidateOptionsResult.Success;
    }
}
