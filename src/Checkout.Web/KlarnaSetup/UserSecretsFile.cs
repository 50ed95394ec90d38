namespace Checkout.Web.KlarnaSetup;

using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration.UserSecrets;

/// <summary>
/// The app's user-secrets file (<c>secrets.json</c> under its <c>UserSecretsId</c>), written as <c>dotnet user-secrets
/// set</c> writes it: one flat JSON object of configuration keys, the others kept. Read by the app in Development.
/// </summary>
public sealed class UserSecretsFile(string path)
{
    public string Path { get; } = path;

    /// <summary>The file of this app's <c>UserSecretsId</c> (Checkout.Web.csproj).</summary>
    public static UserSecretsFile ForApp()
    {
        var id = typeof(UserSecretsFile).Assembly.GetCustomAttribute<UserSecretsIdAttribute>()?.UserSecretsId
            ?? throw new KlarnaSetupException("The app has no UserSecretsId, so it has no user-secrets file to store the signing key in.");
        return new UserSecretsFile(PathHelper.GetSecretsPathFromSecretsId(id));
    }

    public void Set(string key, string value)
    {
        var secrets = Read();
        secrets[key] = value;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var json = new JsonObject();
        foreach (var (name, text) in secrets)
        {
            json[name] = text;
        }
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Only its owner reads a file of secrets.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var stream = new FileStream(Path, options);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteTo(writer);
    }

    /// <summary>What the file holds, flattened to configuration keys as the configuration reads it.</summary>
    private Dictionary<string, string> Read()
    {
        var secrets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(Path) || new FileInfo(Path).Length == 0)
        {
            return secrets;
        }
        var configuration = new ConfigurationBuilder().AddJsonFile(Path, optional: false, reloadOnChange: false).Build();
        foreach (var (key, value) in configuration.AsEnumerable())
        {
            if (value is not null)
            {
                secrets[key] = value;
            }
        }
        return secrets;
    }
}
