namespace Checkout.ScaleOut.Tests;

using Npgsql;

/// <summary>
/// A private PostgreSQL cluster for this test run: <c>initdb</c> in a temp directory, <c>pg_ctl start</c> on a
/// free loopback port, stopped and deleted on dispose. Runs as the <c>postgres</c> user when the tests run as
/// root. Fails (never skips) when the server binaries are missing: <c>scripts/test.sh</c> installs them.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"checkout-pg-{Guid.NewGuid():N}");
    private string _binDirectory = "";

    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        _binDirectory = PostgresBinaries.Find() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql/<version>/bin "
            + "or on PATH. Install them with `apt-get install -y postgresql` (./scripts/test.sh does this).");
        Directory.CreateDirectory(_dataDirectory);
        if (PostgresBinaries.RunningAsRoot)
        {
            await PostgresBinaries.RunAsync("chown", ["postgres:postgres", _dataDirectory]);
        }
        Port = Ports.Free();
        await RunServerToolAsync("initdb", ["-D", _dataDirectory, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
        var options = $"-p {Port} -k {_dataDirectory} -c listen_addresses=127.0.0.1 -c max_connections=200 "
            + "-c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        await RunServerToolAsync("pg_ctl", ["-D", _dataDirectory, "-l", Path.Combine(_dataDirectory, "server.log"), "-o", options, "-w", "-t", "60", "start"]);
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(60, prefix.Length + 33)];
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return ConnectionString(name);
    }

    public async Task DisposeAsync()
    {
        if (File.Exists(Path.Combine(_dataDirectory, "postmaster.pid")))
        {
            await RunServerToolAsync("pg_ctl", ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"]);
        }
        NpgsqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp directory is cleaned up by the OS.
        }
    }

    private string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username=postgres;Maximum Pool Size=40;Timeout=30";

    private Task RunServerToolAsync(string tool, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(_binDirectory, tool);
        return PostgresBinaries.RunningAsRoot
            ? PostgresBinaries.RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments])
            : PostgresBinaries.RunAsync(path, arguments);
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresGroup : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
