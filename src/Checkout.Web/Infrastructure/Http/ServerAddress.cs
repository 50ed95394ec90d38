namespace Checkout.Web.Infrastructure.Http;

using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

/// <summary>The address this process listens on, for talking to the in-process sandbox over real HTTP.</summary>
public sealed class ServerAddress(IServer server)
{
    private Uri? _root;

    public Uri Root => _root ??= Resolve();

    private Uri Resolve()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server has no address yet; the sandbox is reachable once it listens.");
        var builder = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal));
        builder.Path = "/";
        return builder.Uri;
    }
}
