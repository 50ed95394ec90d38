namespace Checkout.Acquiring.WorldlineConnect;

using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

/// <summary>
/// Worldline Connect's <c>GCS v1HMAC</c> request signature: HMAC-SHA256 with the secret API key over the
/// method, Content-Type, Date, the <c>x-gcs-*</c> headers and the path, each followed by a newline.
/// </summary>
public sealed partial class GcsV1HmacSigner(string apiKeyId, string secretApiKey)
{
    public const string Scheme = "GCS";

    /// <summary>The whole <c>Authorization</c> header value: <c>GCS v1HMAC:&lt;apiKeyId&gt;:&lt;signature&gt;</c>.</summary>
    public string AuthorizationFor(
        string method, string? contentType, string date, IEnumerable<KeyValuePair<string, string>> headers, string pathAndQuery) =>
        $"{Scheme} {ParameterFor(method, contentType, date, headers, pathAndQuery)}";

    /// <summary>What follows the scheme: <c>v1HMAC:&lt;apiKeyId&gt;:&lt;signature&gt;</c>.</summary>
    public string ParameterFor(
        string method, string? contentType, string date, IEnumerable<KeyValuePair<string, string>> headers, string pathAndQuery) =>
        $"v1HMAC:{apiKeyId}:{Signature(StringToSign(method, contentType, date, headers, pathAndQuery))}";

    public string Signature(string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretApiKey), Encoding.UTF8.GetBytes(stringToSign)));

    public static string StringToSign(
        string method, string? contentType, string date, IEnumerable<KeyValuePair<string, string>> headers, string pathAndQuery)
    {
        var text = new StringBuilder()
            .Append(method.ToUpperInvariant()).Append('\n')
            .Append(contentType ?? "").Append('\n')
            .Append(date).Append('\n');
        var gcsHeaders = headers
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: CanonicalValue(h.Value)))
            .Where(h => h.Name.StartsWith("x-gcs", StringComparison.Ordinal))
            .OrderBy(h => h.Name, StringComparer.Ordinal);
        foreach (var (name, value) in gcsHeaders)
        {
            text.Append(name).Append(':').Append(value).Append('\n');
        }
        return text.Append(pathAndQuery).Append('\n').ToString();
    }

    /// <summary>As Worldline's SDKs do: a folded line break and the blanks after it become one space, then trim.</summary>
    public static string CanonicalValue(string value) => FoldedLineBreak().Replace(value, " ").Trim();

    [GeneratedRegex(@"\r?\n[^\S\r\n]*")]
    private static partial Regex FoldedLineBreak();
}
