namespace Checkout.Testing;

using System.Net;
using System.Net.Sockets;

public static class Ports
{
    /// <summary>A loopback port free right now, for a host whose address another must know before it starts.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
