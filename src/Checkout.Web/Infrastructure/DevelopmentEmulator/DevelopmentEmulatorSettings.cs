namespace Checkout.Web.Infrastructure.DevelopmentEmulator;

/// <summary>Settings under <c>DevelopmentEmulator:</c>, read in Development only.</summary>
public sealed class DevelopmentEmulatorSettings
{
    public const string Section = "DevelopmentEmulator";

    /// <summary>Start the emulator when nothing answers at <c>Klarna:BaseUrl</c>'s origin.</summary>
    public bool Start { get; set; }

    /// <summary>The emulator's project file; when empty, <c>src/Checkout.Sandbox/Checkout.Sandbox.csproj</c> above the content root.</summary>
    public string? Project { get; set; }

    /// <summary>How long its first start (which builds it) may take.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromMinutes(3);
}
