namespace Checkout.Acquiring;

/// <summary>The acquirer could not be reached or answered with an error: the outcome is unknown, retry with the same key.</summary>
public sealed class AcquirerUnavailableException : Exception
{
    public AcquirerUnavailableException()
    {
    }

    public AcquirerUnavailableException(string message)
        : base(message)
    {
    }

    public AcquirerUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
