using System.Net;
using System.Net.Security;

namespace Checkout.Sandbox.Klarna.Webhooks;

/// <summary>
/// The default webhook URL is the app's own address, often HTTPS with an untrusted development
/// certificate; accept that certificate for loopback hosts only.
/// </summary>
internal static class LoopbackCertificates
{
    public static HttpMessageHandler CreateHandler() => new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (sender, _, _, errors) =>
                errors == SslPolicyErrors.None || (sender is SslStream && IsLoopbackTarget(sender)),
        },
    };

    private static bool IsLoopbackTarget(object sender) =>
        sender is SslStream { TargetHostName: { } host }
        && (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address)));
}
