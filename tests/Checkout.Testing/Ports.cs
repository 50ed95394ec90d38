namespace Checkout.Testing;

using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

public static class Ports
{
    private static readonly ConcurrentDictionary<int, bool> HandedOut = new();

    /// <summary>
    /// A loopback port free right now, for a host whose address another must know before it starts. Taken below the
    /// system's ephemeral range: a port the system hands out (port 0) may be taken, before the host binds it, as the
    /// local end of any outbound connection, and the tests make thousands.
    /// </summary>
    public static int Free()
    {
        var below = EphemeralRangeStart();
        var (from, to) = ThisProjectsSlice(Math.Max(1024, below - 12_000), below);
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = Random.Shared.Next(from, to);
            if (HandedOut.TryAdd(port, true) && CanBind(port))
            {
                return port;
            }
        }
        throw new InvalidOperationException($"No free loopback port below {below} after 1000 tries.");
    }

    /// <summary>
    /// The test projects run side by side, each in a process of its own: each takes ports from its own slice, so one never
    /// binds a port another has handed out and is about to bind (a check that a port is free holds for that moment only).
    /// </summary>
    private static (int From, int To) ThisProjectsSlice(int from, int to)
    {
        string[] projects = ["Integration", "Browser", "Emulator", "Contract", "ScaleOut", "AppHost", "Unit"];
        var directory = AppContext.BaseDirectory.Replace('\\', '/');
        var index = Array.FindIndex(projects, name => directory.Contains($"/Checkout.{name}.Tests/", StringComparison.Ordinal));
        var slices = projects.Length + 1;
        var width = (to - from) / slices;
        var slice = index >= 0 ? index : projects.Length;
        return (from + (slice * width), from + ((slice + 1) * width));
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The first port of Linux's ephemeral range (32768 unless configured otherwise).</summary>
    private static int EphemeralRangeStart()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        return File.Exists(range) && int.TryParse(File.ReadAllText(range).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[0], out var first) && first > 2048
            ? first
            : 32768;
    }
}
