namespace Checkout.Integration.Tests;

using System.Diagnostics;

/// <summary>src/Checkout.Web's own build output, run as a process the way `dotnet run` would run it.</summary>
public static class BuiltApp
{
    /// <summary>The app's dll, in the configuration these tests were built in.</summary>
    public static string DllPath
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Checkout.sln")))
            {
                directory = directory.Parent;
            }
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
            var path = Path.Combine(directory!.FullName, "src", "Checkout.Web", "bin", configuration, "net10.0", "Checkout.Web.dll");
            Assert.True(File.Exists(path), $"Build src/Checkout.Web first: {path} is missing.");
            return path;
        }
    }

    /// <summary>The project folder the dll was built from (its .cshtml files and appsettings.json).</summary>
    public static string ProjectDirectory => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(DllPath)!, "..", "..", ".."));

    /// <summary>Starts <c>dotnet Checkout.Web.dll</c> with these arguments and environment, output captured.</summary>
    public static Process Start(IEnumerable<string> arguments, IDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(DllPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        return Process.Start(start)!;
    }
}
