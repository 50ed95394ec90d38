namespace Checkout.Integration.Tests;

/// <summary>In Development, an edited .cshtml shows on the next refresh without a rebuild.</summary>
public sealed class RuntimeCompilationTests
{
    [Fact]
    public async Task Edited_page_shows_on_refresh_in_Development()
    {
        var contentRoot = Directory.CreateTempSubdirectory("checkout-content-").FullName;
        var database = Path.Combine(contentRoot, "checkout.db");
        CopyDirectory(Path.Combine(BuiltApp.ProjectDirectory, "Pages"), Path.Combine(contentRoot, "Pages"));
        File.Copy(Path.Combine(BuiltApp.ProjectDirectory, "appsettings.json"), Path.Combine(contentRoot, "appsettings.json"));
        File.Copy(Path.Combine(BuiltApp.ProjectDirectory, "appsettings.Development.json"), Path.Combine(contentRoot, "appsettings.Development.json"));
        var port = Ports.Free();
        using var process = BuiltApp.Start(
            ["--contentRoot", contentRoot, "--urls", $"http://127.0.0.1:{port}"],
            new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["ConnectionStrings__Checkout"] = $"Data Source={database}",
                // The app watches its pages as under a developer's `dotnet run`, not by the polling the other tests use.
                ["DOTNET_USE_POLLING_FILE_WATCHER"] = "false",
            });
        var output = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(2) };
            Assert.Contains("Choose your plan", await PageAsync(http, _ => true), StringComparison.Ordinal);

            var index = Path.Combine(contentRoot, "Pages", "Index.cshtml");
            await File.WriteAllTextAsync(index, (await File.ReadAllTextAsync(index)).Replace(
                "</main>", "<p id=\"edited\">Edited while running</p></main>", StringComparison.Ordinal));

            Assert.Contains("Edited while running", await PageAsync(http, page => page.Contains("Edited while running", StringComparison.Ordinal)), StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            await output;
            Directory.Delete(contentRoot, recursive: true);
        }
    }

    /// <summary>
    /// The plan list once it satisfies <paramref name="done"/>. The first request builds the Razor compiler and compiles
    /// the page at run time, which on a busy machine takes far longer than serving it: the wait is generous.
    /// </summary>
    private static Task<string> PageAsync(HttpClient http, Func<string, bool> done) =>
        Eventually.MatchesAsync("the built app to serve the plan list at /", () => http.GetStringAsync("/"), done, TimeSpan.FromMinutes(3));

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
