namespace Checkout.Klarna.PaymentRequests;

using System.Net;

/// <summary>Klarna answered with an error. Carries Klarna's error code and id, never request secrets.</summary>
public sealed class KlarnaApiException : Exception
{
    public KlarnaApiException()
    {
    }

    public KlarnaApiException(string message)
        : base(message)
    {
    }

    public KlarnaApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public KlarnaApiException(HttpStatusCode statusCode, KlarnaError? error)
        : base($"Klarna answered {(int)statusCode} {error?.ErrorCode}: {error?.ErrorMessage} (error id {error?.ErrorId})")
    {
        StatusCode = statusCode;
        Error = error;
    }

    public HttpStatusCode StatusCode { get; }

    public KlarnaError? Error { get; }
}

public sealed record KlarnaError(
    string? ErrorId,
    string? ErrorType,
    string? ErrorCode,
    string? ErrorMessage,
    IReadOnlyList<KlarnaValidationError>? ValidationErrors,
    IReadOnlyList<KlarnaValidationError>? Errors);

public sealed record KlarnaValidationError(string? Parameter, string? Reason, string? ErrorMessage);
