namespace Checkout.Acquiring;

/// <summary>The acquirer refused the request as given (a 4xx): retrying the same request will not help.</summary>
public sealed class AcquirerRejectedException : Exception
{
    public AcquirerRejectedException()
    {
    }

    public AcquirerRejectedException(string message)
        : base(message)
    {
    }

    public AcquirerRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AcquirerRejectedException(int statusCode, string? detail)
        : base($"The acquirer refused the request ({statusCode}): {detail ?? "no detail"}")
    {
        StatusCode = statusCode;
    }

    public int StatusCode { get; }
}
