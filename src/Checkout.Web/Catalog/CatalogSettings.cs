namespace Checkout.Web.Catalog;

using Checkout.Domain.Plans;

/// <summary>
/// Settings under <c>Catalog:</c>: the plans on sale, listed under <c>Catalog:Plans</c>, or in the JSON file
/// <c>Catalog:File</c> names (<c>{ "Plans": [ … ] }</c>), which then replaces them.
/// </summary>
public sealed class CatalogSettings
{
    public const string Section = "Catalog";

    public List<PlanDefinition> Plans { get; set; } = [];

    /// <summary>A JSON file of plans, absolute or relative to the app's content root; empty: <c>Catalog:Plans</c>.</summary>
    public string? File { get; set; }

    /// <summary>One line for each plan that could not be read (a value of the wrong type, an unknown field), or for a file that could not be.</summary>
    internal List<string> ReadProblems { get; } = [];

    /// <summary>
    /// Reads the plans one by one from <paramref name="catalog"/> (the <c>Catalog</c> section) or the file it names. The
    /// configuration binder skips a list entry it cannot bind without a word; here a plan with a value of the wrong type
    /// (a price of "9.99" where minor units are whole) or a misspelt field is named instead.
    /// </summary>
    internal void Read(IConfiguration catalog, string contentRoot)
    {
        Plans = [];
        var source = catalog;
        var prefix = "Catalog:";
        if (!string.IsNullOrWhiteSpace(File))
        {
            var path = Path.GetFullPath(File, contentRoot);
            prefix = $"Catalog:File {File}: ";
            try
            {
                source = new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Build();
            }
            catch (Exception e) when (e is IOException or InvalidDataException or FormatException or UnauthorizedAccessException)
            {
                ReadProblems.Add(e is FileNotFoundException
                    ? $"Catalog:File {path} does not exist."
                    : $"Catalog:File {path} cannot be read: {(e.InnerException ?? e).Message.ReplaceLineEndings(" ")}");
                return;
            }
        }
        foreach (var plan in source.GetSection(nameof(Plans)).GetChildren())
        {
            try
            {
                Plans.Add(plan.Get<PlanDefinition>(o => o.ErrorOnUnknownConfiguration = true) ?? new PlanDefinition());
            }
            catch (InvalidOperationException e)
            {
                ReadProblems.Add($"{prefix}Plans:{plan.Key}{(plan[nameof(PlanDefinition.Id)] is { } id ? $" (plan {id})" : "")} {e.Message.ReplaceLineEndings(" ")}");
            }
        }
    }
}
