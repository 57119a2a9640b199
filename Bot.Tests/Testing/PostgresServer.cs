using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace TeamsItBot.Tests.Testing;

/// <summary>
/// A real PostgreSQL for the tests, started once per run of the "postgres" collection. Uses
/// <c>TEST_POSTGRES_CONNECTION</c> when set; otherwise runs a private cluster (initdb + pg_ctl) in a
/// temp directory on a free 127.0.0.1 port with trust auth, as the <c>postgres</c> user when the
/// tests run as root (initdb refuses root). Missing binaries or a failed start FAIL the tests:
/// run <c>.ci/postgres.sh</c> to install them.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string ConnectionVariable = "TEST_POSTGRES_CONNECTION";

    private readonly List<string> _databases = [];
    private string? _root;
    private string? _binDirectory;
    private bool _runAsPostgres;
    private string _adminConnectionString = "";

    /// <summary>Where the server came from, for test output: "external" or the binaries' directory.</summary>
    public string Description { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            _adminConnectionString = external;
            Description = "external (" + ConnectionVariable + ")";
            await WaitUntilAcceptingAsync();
            return;
        }

        _binDirectory = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found in /usr/lib/postgresql/*/bin or on PATH. " +
            "Run .ci/postgres.sh (apt-get install postgresql) or set " + ConnectionVariable + ".");
        _runAsPostgres = Environment.UserName == "root";
        _root = Path.Combine(Path.GetTempPath(), "teamsitbot-pg-" + Guid.NewGuid().ToString("N")[..8]);
        var data = Path.Combine(_root, "data");
        Directory.CreateDirectory(_root);
        if (_runAsPostgres)
        {
            await RunAsync("chown", ["-R", "postgres:", _root], asPostgres: false);
        }

        var port = FreePort();
        await RunAsync(Path.Combine(_binDirectory, "initdb"),
            ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"], _runAsPostgres);
        await RunAsync(Path.Combine(_binDirectory, "pg_ctl"),
            ["-D", data, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "-o",
             $"-p {port} -c listen_addresses=127.0.0.1 -k {_root} -c max_connections=200", "start"], _runAsPostgres);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        _adminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
        Description = $"private cluster {_binDirectory} on 127.0.0.1:{port}";
        await WaitUntilAcceptingAsync();
    }

    /// <summary>Creates an empty database and returns a connection string for it.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var stem = new string([.. prefix.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(40)]);
        var name = $"{stem}_{Guid.NewGuid().ToString("N")[..12]}";
        await using (var connection = new NpgsqlConnection(_adminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        lock (_databases)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (_root is null)
        {
            // An external server outlives the run: remove what the tests created.
            NpgsqlConnection.ClearAllPools();
            foreach (var name in _databases)
            {
                await using var connection = new NpgsqlConnection(_adminConnectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                await command.ExecuteNonQueryAsync();
            }

            return;
        }

        NpgsqlConnection.ClearAllPools();
        Stop();
    }

    private void Stop()
    {
        var root = Interlocked.Exchange(ref _root, null);
        if (root is null || _binDirectory is null)
        {
            return;
        }

        try
        {
            RunAsync(Path.Combine(_binDirectory, "pg_ctl"), ["-D", Path.Combine(root, "data"), "-m", "immediate", "-w", "stop"], _runAsPostgres)
                .GetAwaiter().GetResult();
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private async Task WaitUntilAcceptingAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_adminConnectionString);
                await connection.OpenAsync();
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or SocketException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private static string? FindBinaries()
    {
        var packaged = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return packaged ?? (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var prefix in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{file} {string.Join(' ', arguments)}' failed with exit code {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }
}
