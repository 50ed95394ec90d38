namespace Checkout.Benchmarks;

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

/// <summary>Where things are: the repository root, the app's build output, free ports, the machine.</summary>
public static class Repo
{
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    public static string Root { get; } = FindRoot();

    /// <summary>Checkout.Web.dll as built beside the benchmarks (a ProjectReference builds it in the same configuration).</summary>
    public static string AppDll => Path.Combine(Root, "src", "Checkout.Web", "bin", Configuration, "net10.0", "Checkout.Web.dll");

    /// <summary>The Klarna emulator's host as built beside the benchmarks (a ProjectReference builds it).</summary>
    public static string EmulatorDll => Path.Combine(Root, "src", "Checkout.Sandbox", "bin", Configuration, "net10.0", "Checkout.Sandbox.dll");

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string Machine()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        var memKb = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"') ?? "?"
            : Environment.OSVersion.ToString();
        return $"{Environment.ProcessorCount} cores ({cpu}), {long.Parse(memKb, System.Globalization.CultureInfo.InvariantCulture) / 1024} MB RAM, {os}, "
            + $".NET {Environment.Version}, {Configuration}";
    }

    public static Process StartDotnet(string dll, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dll}.");
        process.OutputDataReceived += (_, e) => Echo(e.Data);
        process.ErrorDataReceived += (_, e) => Echo(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Echo(string? line)
    {
        if (!string.IsNullOrEmpty(line))
        {
            Console.Error.WriteLine($"  [app] {line}");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Checkout.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Run the benchmarks from inside the repository (Checkout.sln not found).");
    }
}
