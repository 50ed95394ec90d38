namespace Checkout.Web.Infrastructure.Options;

/// <summary>
/// Reads <c>Klarna:WebhookSigningKeys:&lt;keyId&gt;</c>. Klarna's key ids are <c>krn:...</c> names full of colons,
/// which configuration splits into sections: each leaf's whole path below the section is the key id.
/// </summary>
public static class SigningKeyConfiguration
{
    public const string Section = "Klarna:WebhookSigningKeys";

    public static Dictionary<string, string> Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, value) in section.AsEnumerable(makePathsRelative: true))
        {
            if (!string.IsNullOrEmpty(value))
            {
                keys[path] = value;
            }
        }
        return keys;
    }
}
