namespace Checkout.Web.Infrastructure.Persistence;

using System.Reflection;
using System.Security.Cryptography;
using System.Text;

/// <summary>One versioned schema script, embedded as <c>Migrations/{provider}/NNNN_name.sql</c>.</summary>
public sealed record SqlMigration(string Version, string Sql)
{
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql)));

    /// <summary>The provider's scripts in the order they apply (by file name).</summary>
    public static IReadOnlyList<SqlMigration> For(DatabaseProvider provider)
    {
        var assembly = typeof(SqlMigration).Assembly;
        var prefix = $"Migrations/{provider}/";
        var migrations = assembly.GetManifestResourceNames()
            .Where(name => name.Replace('\\', '/').StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => new SqlMigration(Path.GetFileNameWithoutExtension(name.Replace('\\', '/')[prefix.Length..]), Read(assembly, name)))
            .ToList();
        return migrations.Count > 0
            ? migrations
            : throw new InvalidOperationException($"No schema migrations are embedded for {provider}; the build is broken.");
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
