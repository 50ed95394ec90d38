namespace Checkout.Klarna.Webhooks;

public enum SignatureCheck
{
    Valid,
    MissingHeader,
    UnknownKey,
    Malformed,
    Mismatch,
}
