namespace Checkout.Benchmarks.Load;

using System.Net;

/// <summary>
/// The app runs as in production, behind a proxy that ends TLS: its clients say <c>X-Forwarded-Proto: https</c> from
/// loopback (a known proxy), so its antiforgery cookie is <c>Secure</c>; the cookies are kept for the https address.
/// </summary>
public static class BehindTlsProxy
{
    public const string Header = "X-Forwarded-Proto";

    /// <summary>The wrk script line that sends the header on requests a script does not build itself (those name it).</summary>
    public const string WrkHeader = "wrk.headers[\"X-Forwarded-Proto\"] = \"https\"\n";

    /// <summary>The public address the cookies belong to.</summary>
    public static Uri Https(Uri root) => new UriBuilder(root) { Scheme = Uri.UriSchemeHttps }.Uri;

    /// <summary>A client on <paramref name="root"/> as a browser behind the proxy, keeping its cookies in <paramref name="cookies"/>.</summary>
    public static HttpClient Client(Uri root, CookieContainer cookies, bool followRedirects = true) =>
        new(new Proxied(cookies) { InnerHandler = new SocketsHttpHandler { UseCookies = false, UseProxy = false, AllowAutoRedirect = followRedirects } })
        {
            BaseAddress = root,
        };

    private sealed class Proxied(CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var address = Https(request.RequestUri!);
            request.Headers.Add(Header, "https");
            var cookie = cookies.GetCookieHeader(address);
            if (cookie.Length > 0)
            {
                request.Headers.Add("Cookie", cookie);
            }
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
            {
                foreach (var value in set)
                {
                    cookies.SetCookies(address, value);
                }
            }
            return response;
        }
    }
}
