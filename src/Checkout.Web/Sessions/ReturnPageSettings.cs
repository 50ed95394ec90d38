namespace Checkout.Web.Sessions;

/// <summary><c>Merchant:AllowedReturnHosts</c>: the only hosts a session's <c>success_url</c> and <c>cancel_url</c> may name.</summary>
public sealed class ReturnPageSettings
{
    public const string Section = "Merchant";

    public List<string> AllowedReturnHosts { get; set; } = [];
}
