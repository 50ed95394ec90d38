namespace Checkout.Web.Catalog;

using Checkout.Domain.Plans;
using Checkout.Web.Localization;
using Microsoft.Extensions.Options;

/// <summary>Fails start-up with one line per problem in the catalog, naming the plan and the field.</summary>
public sealed class CatalogSettingsValidator(IOptions<LocalizationSettings> localization) : IValidateOptions<CatalogSettings>
{
    public ValidateOptionsResult Validate(string? name, CatalogSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ReadProblems.Count > 0)
        {
            // Until every plan reads, the others' positions in the list are not known: name what to fix first.
            return ValidateOptionsResult.Fail(options.ReadProblems);
        }
        var failures = PlanCatalog.Check(options.Plans).Concat(UnservedTranslations(options.Plans)).Select(p => Line(options, p)).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>A translation into a culture the shop does not serve would never be read: most likely a typo.</summary>
    private IEnumerable<CatalogProblem> UnservedTranslations(List<PlanDefinition> plans)
    {
        IReadOnlyList<string> cultures;
        try
        {
            cultures = localization.Value.Cultures;
        }
        catch (OptionsValidationException)
        {
            // The cultures are wrong themselves: their own lines say so, and translations are checked once they are right.
            yield break;
        }
        for (var index = 0; index < plans.Count; index++)
        {
            foreach (var culture in plans[index].Translations.Keys.Where(c => !cultures.Contains(c, StringComparer.OrdinalIgnoreCase)))
            {
                yield return new CatalogProblem(index, plans[index].Id, new PlanProblem(
                    $"{nameof(PlanDefinition.Translations)}:{culture}",
                    $"is not one of Localization:SupportedCultures ({string.Join(", ", cultures)}): no shopper would read it."));
            }
        }
    }

    /// <summary>
    /// <c>Catalog:Plans:1:Currency (plan family-trial) "XYZ" is not …</c>, or from a file
    /// <c>Catalog:File plans.json: Plans:1:Currency (plan family-trial) …</c>: the key to change, then what is wrong.
    /// </summary>
    public static string Line(CatalogSettings settings, CatalogProblem problem)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(problem);
        var source = string.IsNullOrWhiteSpace(settings.File) ? "Catalog:" : $"Catalog:File {settings.File}: ";
        if (problem.Index is not { } index)
        {
            return string.IsNullOrWhiteSpace(settings.File)
                ? "Catalog:Plans lists no plans: the checkout has nothing to sell. List them under Catalog:Plans in appsettings.json, or name a JSON file of them in Catalog:File."
                : $"{source}Plans lists no plans: the checkout has nothing to sell.";
        }
        var plan = string.IsNullOrWhiteSpace(problem.PlanId) ? "" : $" (plan {problem.PlanId})";
        return $"{source}Plans:{index}:{problem.Problem.Field}{plan} {problem.Problem.Message}";
    }
}
