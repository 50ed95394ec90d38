namespace Checkout.Domain.Plans;

/// <summary>The plans on sale, as the merchant configured them. The server prices every order from here.</summary>
public sealed class PlanCatalog
{
    private readonly Dictionary<string, Plan> _plans;

    public PlanCatalog(IEnumerable<Plan> plans)
    {
        _plans = plans.ToDictionary(p => p.Id, StringComparer.Ordinal);
        if (_plans.Count == 0)
        {
            throw new ArgumentException("A catalog needs at least one plan.", nameof(plans));
        }
    }

    /// <summary>The plans in the order the merchant listed them.</summary>
    public IReadOnlyCollection<Plan> Plans => _plans.Values;

    public Plan? Find(string? id) => id is not null && _plans.TryGetValue(id, out var plan) ? plan : null;

    /// <summary>What is wrong with these definitions as a catalog: each plan's problems, duplicate ids, no plans at all.</summary>
    public static IReadOnlyList<CatalogProblem> Check(IReadOnlyList<PlanDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var problems = new List<CatalogProblem>();
        if (definitions.Count == 0)
        {
            problems.Add(new CatalogProblem(null, null, new PlanProblem("", "lists no plans: the checkout has nothing to sell.")));
        }
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < definitions.Count; index++)
        {
            var definition = definitions[index];
            problems.AddRange(definition.Problems().Select(p => new CatalogProblem(index, definition.Id, p)));
            if (string.IsNullOrWhiteSpace(definition.Id))
            {
                continue;
            }
            if (seen.TryGetValue(definition.Id, out var first))
            {
                problems.Add(new CatalogProblem(index, definition.Id,
                    new PlanProblem(nameof(PlanDefinition.Id), $"\"{definition.Id}\" is already the id of plan {first}: each plan needs an id of its own.")));
            }
            else
            {
                seen[definition.Id] = index;
            }
        }
        return problems;
    }

    /// <summary>The catalog these definitions make; call only when <see cref="Check"/> finds nothing.</summary>
    public static PlanCatalog From(IReadOnlyList<PlanDefinition> definitions)
    {
        if (Check(definitions) is [var first, ..])
        {
            throw new ArgumentException(first.ToString(), nameof(definitions));
        }
        return new PlanCatalog(definitions.Select(d => d.ToPlan()));
    }
}

/// <summary>A problem with the plan at <paramref name="Index"/> (null: with the catalog as a whole).</summary>
public sealed record CatalogProblem(int? Index, string? PlanId, PlanProblem Problem);
