namespace Checkout.Web.Infrastructure;

/// <summary>Finds the top-level wwwroot: beside the binaries after a build or publish, else in the source tree.</summary>
public static class WebRoot
{
    public static string? Locate()
    {
        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, "wwwroot"),
            Path.Combine(Directory.GetCurrentDirectory(), "wwwroot"),
            Path.Combine(Directory.GetCurrentDirectory(), "..", "..", "wwwroot"),
        ];
        return candidates.Select(Path.GetFullPath).FirstOrDefault(c => File.Exists(Path.Combine(c, "js", "checkout.js")));
    }
}
