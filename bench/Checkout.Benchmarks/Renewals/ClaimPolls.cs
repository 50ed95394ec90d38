namespace Checkout.Benchmarks.Renewals;

/// <summary>
/// Which instances held claims at each poll of the drain: a claim's owner is "instance/claim"
/// (<c>WorkLease.NewClaim</c>), so its prefix names the instance.
/// </summary>
public sealed class ClaimPolls
{
    private readonly List<string> _instances = [];
    private readonly List<int> _holding = [];

    public int Polls { get; private set; }

    /// <summary>For each instance in the order they were first seen holding a claim, the polls at which it held one.</summary>
    public IReadOnlyList<int> HoldingByInstance => _holding;

    public void Add(IEnumerable<string> claimedBy)
    {
        Polls++;
        foreach (var instance in claimedBy.Select(c => c.Split('/')[0]).Distinct(StringComparer.Ordinal))
        {
            var index = _instances.IndexOf(instance);
            if (index < 0)
            {
                _instances.Add(instance);
                _holding.Add(0);
                index = _instances.Count - 1;
            }
            _holding[index]++;
        }
    }
}
