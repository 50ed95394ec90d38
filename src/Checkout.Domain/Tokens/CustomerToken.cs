namespace Checkout.Domain.Tokens;

/// <summary>Klarna's long-lived customer token. Its value is a secret: never logged, never shown.</summary>
public sealed class CustomerToken(string value, string? reference)
{
    public string Value { get; } = string.IsNullOrWhiteSpace(value)
        ? throw new ArgumentException("A customer token needs a value.", nameof(value))
        : value;

    public string? Reference { get; } = reference;

    public override string ToString() => "CustomerToken(***)";
}
