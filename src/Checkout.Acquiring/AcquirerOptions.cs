namespace Checkout.Acquiring;

/// <summary>Settings under <c>Acquirer:</c>.</summary>
public sealed class AcquirerOptions
{
    public const string Section = "Acquirer";

    /// <summary><c>Sandbox</c> (the in-process acquirer) or <c>Generic</c> (seed 000's <c>POST /payment</c>).</summary>
    public AcquirerKind Kind { get; set; } = AcquirerKind.Sandbox;

    public string? BaseUrl { get; set; }

    public string ApiKey { get; set; } = "";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
}

public enum AcquirerKind
{
    Sandbox,
    Generic,
}
