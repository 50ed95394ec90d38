namespace Checkout.Sandbox.Klarna.PaymentRequests;

internal static class PaymentRequestIds
{
    public const string Prefix = "krn:payment:eu1:request:";

    public static string ToKrn(Guid id) => Prefix + id.ToString("D");

    /// <summary>Accepts the full krn (decoded by routing) or the bare guid.</summary>
    public static bool TryParse(string? value, out Guid id)
    {
        id = Guid.Empty;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var decoded = Uri.UnescapeDataString(value);
        var guidPart = decoded.StartsWith(Prefix, StringComparison.Ordinal) ? decoded[Prefix.Length..] : decoded;
        return Guid.TryParseExact(guidPart, "D", out id);
    }
}
