namespace Checkout.Web.Sessions;

using System.Net;
using Microsoft.Extensions.Options;

/// <summary>
/// No open redirect: a return page is https on a host the merchant listed in <c>Merchant:AllowedReturnHosts</c>; plain
/// http only for a listed loopback host in Development, so a store on a laptop works.
/// </summary>
public sealed class ReturnUrlPolicy(IOptions<ReturnPageSettings> settings, IHostEnvironment environment)
{
    public const int MaxLength = 2000;

    private readonly HashSet<string> _hosts = new(
        settings.Value.AllowedReturnHosts.Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => h.Trim()), StringComparer.OrdinalIgnoreCase);

    /// <summary>Null when <paramref name="text"/> may be a return page; else why not, in words for the store's developer.</summary>
    public string? Check(string name, string? text, out Uri url)
    {
        url = null!;
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength
            || !Uri.TryCreate(text, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("https" or "http"))
        {
            return $"{name} is required: an absolute https URL of your store, at most {MaxLength} characters.";
        }
        if (!_hosts.Contains(parsed.IdnHost))
        {
            return _hosts.Count == 0
                ? $"{name} cannot be checked: list your store's hosts in Merchant:AllowedReturnHosts."
                : $"{name} must be on a host listed in Merchant:AllowedReturnHosts ({parsed.IdnHost} is not).";
        }
        if (parsed.Scheme == "http" && !(environment.IsDevelopment() && IsLoopback(parsed)))
        {
            return $"{name} must use https (plain http only for localhost in Development).";
        }
        if (!string.IsNullOrEmpty(parsed.UserInfo))
        {
            return $"{name} must not carry a user name or password.";
        }
        url = parsed;
        return null;
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
