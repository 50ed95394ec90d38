namespace Checkout.Benchmarks.Load;

using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Checkout.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

/// <summary>
/// The real app (Release build of Checkout.Web) in its own process on Kestrel, pointed at the Klarna emulator in a
/// process of its own on the same machine, a fresh SQLite file (or, with <c>Database:Provider=Postgres</c> among the settings, a fresh
/// database on that PostgreSQL server, dropped afterwards), rate limits raised out of the way and Serilog at Warning.
/// </summary>
public sealed class CheckoutApp : IAsyncDisposable
{
    public const string SigningKeyId = "bench";

    private readonly List<ChildProcess> _otherInstances = [];
    private string _appDll = "";
    private Dictionary<string, string> _settings = [];
    private IDictionary<string, string>? _environment;

    private CheckoutApp(ChildProcess process, ChildProcess sandbox, EmulatorKeys keys, string databasePath, string? postgres, string signingKey)
    {
        Process = process;
        Sandbox = sandbox;
        Keys = keys;
        DatabasePath = databasePath;
        Postgres = postgres;
        SigningKey = signingKey;
    }

    /// <summary>The app's PostgreSQL connection string, when it runs on PostgreSQL; null on SQLite.</summary>
    public string? Postgres { get; }

    public ChildProcess Process { get; }

    /// <summary>The Klarna emulator's process.</summary>
    public ChildProcess Sandbox { get; }

    /// <summary>Where the Klarna emulator answers.</summary>
    public Uri SandboxRoot => Sandbox.Root;

    /// <summary>The keys the app and the emulator share.</summary>
    public EmulatorKeys Keys { get; }

    public string DatabasePath { get; }

    public string SigningKey { get; }

    public Uri Root => Process.Root;

    /// <summary>One key-ring certificate for every app the benchmark starts.</summary>
    private static KeyRingCertificate KeyRing { get; } = KeyRingCertificate.Write();

    /// <summary>
    /// Starts the emulator, then <paramref name="appDll"/> with settings passed as <c>--key=value</c>; <paramref name="extra"/> adds or overrides.
    /// </summary>
    public static async Task<CheckoutApp> StartAsync(
        string appDll, IDictionary<string, string>? extra = null, IDictionary<string, string>? environment = null, string emulatorEnvironment = "Staging")
    {
        if (!File.Exists(appDll))
        {
            throw new FileNotFoundException($"Build the app first: dotnet build -c {Repo.Configuration} (looked for {appDll}).");
        }
        var postgresServer = PostgresServer(extra);
        var port = Repo.FreePort();
        var databasePath = Path.Combine(Path.GetTempPath(), $"checkout-bench-{Guid.NewGuid():N}.db");
        var signingKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            // Not Development (no developer pages or emulator start-up); every URL and key is given.
            ["environment"] = "Staging",
            ["ConnectionStrings:Checkout"] = $"Data Source={databasePath}",
            // What every start outside Development requires: the public root of return URLs and key-ring protection.
            ["Checkout:PublicBaseUrl"] = $"http://127.0.0.1:{port}/",
            ["DataProtection:CertificatePath"] = KeyRing.Path,
            ["DataProtection:CertificatePassword"] = KeyRingCertificate.Password,
            // TLS ends at a proxy in front of it, as in production; the benchmark's clients say so (BehindTlsProxy).
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
            [$"Klarna:WebhookSigningKeys:{SigningKeyId}"] = signingKey,
            ["RateLimits:PaymentsPerMinute"] = "100000000",
            ["RateLimits:ReadsPerMinute"] = "100000000",
            ["RateLimits:WebhooksPerMinute"] = "100000000",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            // The benchmark's webhooks name payment requests the app never made; one warning each would be console I/O, not ingestion.
            // Named by type, so a rename cannot bring the warnings back unnoticed (one did: DirectCompletion was OrderCompletion).
            [$"Serilog:MinimumLevel:Override:{typeof(Checkout.Web.Completion.DirectCompletion).FullName}"] = "Error",
            [$"Serilog:MinimumLevel:Override:{typeof(Checkout.Web.Webhooks.WebhookProcessor).FullName}"] = "Error",
            ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore.HttpsPolicy"] = "Error",
        };
        // The app's own JS and CSS: a build's output runs from bin/, its wwwroot stays in the project (a publish has it beside the dll).
        var projectWebRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(appDll)!, "..", "..", "..", "wwwroot"));
        if (!Directory.Exists(Path.Combine(Path.GetDirectoryName(appDll)!, "wwwroot")) && Directory.Exists(projectWebRoot))
        {
            settings["webroot"] = projectWebRoot;
        }
        // The development settings' demo plans, which the scenarios buy, and its brand.
        foreach (var (key, value) in DemoPlans.Settings().Concat(DemoPlans.BrandSettings()))
        {
            settings[key] = value!;
        }
        var (sandbox, keys, sandboxSettings) = await EmulatorProcess.StartAsync(port, SigningKeyId, signingKey, emulatorEnvironment);
        foreach (var (key, value) in sandboxSettings)
        {
            settings[key] = value;
        }
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }
        string? postgres = null;
        if (postgresServer is not null)
        {
            postgres = await CreateDatabaseAsync(postgresServer);
            settings["ConnectionStrings:Checkout"] = postgres;
        }
        var arguments = settings.Select(s => $"--{s.Key}={s.Value}").ToList();
        var process = await ChildProcess.StartAsync(appDll, arguments, port, "/healthz", environment);
        return new CheckoutApp(process, sandbox, keys, databasePath, postgres, signingKey) { _appDll = appDll, _settings = settings, _environment = environment };
    }

    /// <summary>Every instance of the app: the first, and those <see cref="StartAnotherInstanceAsync"/> added.</summary>
    public IReadOnlyList<ChildProcess> Instances => [Process, .. _otherInstances];

    /// <summary>One more instance of the app on the same PostgreSQL database and emulator, on a port of its own.</summary>
    public async Task<ChildProcess> StartAnotherInstanceAsync()
    {
        if (Postgres is null)
        {
            throw new NotSupportedException("More than one instance shares a database on PostgreSQL only (--app-settings Database:Provider=Postgres|…).");
        }
        var port = Repo.FreePort();
        var settings = new Dictionary<string, string>(_settings, StringComparer.OrdinalIgnoreCase)
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["Checkout:PublicBaseUrl"] = $"http://127.0.0.1:{port}/",
        };
        var instance = await ChildProcess.StartAsync(_appDll, [.. settings.Select(s => $"--{s.Key}={s.Value}")], port, "/healthz", _environment);
        _otherInstances.Add(instance);
        return instance;
    }

    /// <summary>The PostgreSQL server the settings name with <c>Database:Provider=Postgres</c>; null on SQLite.</summary>
    private static string? PostgresServer(IDictionary<string, string>? extra)
    {
        var settings = new Dictionary<string, string>(extra ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        if (!settings.TryGetValue("Database:Provider", out var provider) || !provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return settings.TryGetValue("ConnectionStrings:Checkout", out var server)
            ? server
            : throw new ArgumentException(
                "--app-settings Database:Provider=Postgres needs ConnectionStrings:Checkout=Host=…;Port=…;Username=… naming the server; the benchmark makes its own database there.");
    }

    /// <summary>A fresh database on the server <paramref name="connectionString"/> names, so every run starts empty.</summary>
    private static async Task<string> CreateDatabaseAsync(string connectionString)
    {
        var fresh = new NpgsqlConnectionStringBuilder(connectionString) { Database = $"checkout_bench_{Guid.NewGuid():N}" };
        await OnServerAsync(connectionString, $"CREATE DATABASE \"{fresh.Database}\"");
        return fresh.ConnectionString;
    }

    /// <summary>Runs <paramref name="sql"/> (the benchmark's own, naming a database it made) on the server's maintenance database.</summary>
    private static async Task OnServerAsync(string connectionString, string sql)
    {
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        await using var command = admin.CreateCommand();
#pragma warning disable CA2100 // The benchmark's own statement; the only name in it is a GUID it made.
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
    }

    private async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = Postgres is null
            ? new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False")
            : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Postgres) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>A writable connection to the app's PostgreSQL database (the renewal run's seeding).</summary>
    public async Task<NpgsqlConnection> OpenPostgresForWritingAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Postgres ?? throw new InvalidOperationException("The app runs on SQLite.")) { Pooling = false, CommandTimeout = 600 }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>The first column of every row <paramref name="sql"/> (the benchmark's own query) answers, as text.</summary>
    public async Task<List<string>> TextsAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The benchmark's own queries.
        command.CommandText = sql;
#pragma warning restore CA2100
        var texts = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            texts.Add(reader.GetString(0));
        }
        return texts;
    }

    /// <summary>A writable connection to the app's SQLite file (the renewal run's seeding), waiting out the app's own writes.</summary>
    public async Task<SqliteConnection> OpenSqliteForWritingAsync()
    {
        if (Postgres is not null)
        {
            throw new NotSupportedException("The renewal run seeds SQLite only.");
        }
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False;Default Timeout=60");
        await connection.OpenAsync();
        return connection;
    }

    public Task<long> CountAsync(string table, string condition = "TRUE") => ScalarAsync($"SELECT COUNT(*) FROM \"{table}\" WHERE {condition}");

    /// <summary>The one number <paramref name="sql"/> (the benchmark's own query) answers.</summary>
    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The benchmark's own queries, with its own table names and conditions.
        command.CommandText = sql;
#pragma warning restore CA2100
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>The first column of every row <paramref name="sql"/> (the benchmark's own query) answers.</summary>
    public async IAsyncEnumerable<string> StringsAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The benchmark's own queries.
        command.CommandText = sql;
#pragma warning restore CA2100
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            yield return reader.GetString(0);
        }
    }

    /// <summary>Inbox events the worker has not yet processed.</summary>
    public Task<long> UnprocessedEventsAsync() => CountAsync("WebhookEvents", "\"ProcessedAt\" IS NULL");

    /// <summary>Copies the lines of a webhook data file whose event is already in the inbox.</summary>
    public async Task<string> KeepStoredEventsAsync(string dataFile, string path)
    {
        var stored = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var id in StringsAsync("SELECT \"EventId\" FROM \"WebhookEvents\""))
        {
            stored.Add(id);
        }
        var lines = new List<string>();
        await foreach (var line in File.ReadLinesAsync(dataFile))
        {
            var at = line.IndexOf("\"event_id\":\"", StringComparison.Ordinal) + "\"event_id\":\"".Length;
            if (stored.Contains(line[at..line.IndexOf('"', at)]))
            {
                lines.Add(line);
            }
        }
        await File.WriteAllLinesAsync(path, lines);
        return path;
    }

    /// <summary>The database's size on disk: the SQLite file and its WAL, or PostgreSQL's <c>pg_database_size</c>.</summary>
    public async Task<long> DatabaseBytesAsync()
    {
        if (Postgres is null)
        {
            return new[] { DatabasePath, DatabasePath + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
        }
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT pg_database_size(current_database())";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _otherInstances)
        {
            await instance.DisposeAsync();
        }
        await Process.DisposeAsync();
        await Sandbox.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" })
        {
            File.Delete(file);
        }
        if (Postgres is not null)
        {
            await OnServerAsync(Postgres, $"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(Postgres).Database}\" WITH (FORCE)");
        }
    }
}
