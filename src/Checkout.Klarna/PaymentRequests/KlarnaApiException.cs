namespace Checkout.Klarna.PaymentRequests;

using System.Net;

/// <summary>Klarna answered with an error. Carries Klarna's error code and ids, never request secrets.</summary>
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

    public KlarnaApiException(HttpStatusCode statusCode, KlarnaError? error, string? correlationIdHeader = null)
        : base(Describe(statusCode, error, error?.CorrelationId ?? correlationIdHeader))
    {
        StatusCode = statusCode;
        Error = error;
        CorrelationId = error?.CorrelationId ?? correlationIdHeader;
    }

    public HttpStatusCode StatusCode { get; }

    public KlarnaError? Error { get; }

    /// <summary>Klarna's id for the request, from the error body or its response header.</summary>
    public string? CorrelationId { get; }

    /// <summary>What an operator needs to find the call at Klarna: status, code, ids and each rejected parameter.</summary>
    public string OperatorSummary => Describe(StatusCode, Error, CorrelationId);

    private static string Describe(HttpStatusCode statusCode, KlarnaError? error, string? correlationId)
    {
        var parts = new List<string> { $"Klarna answered {(int)statusCode}" };
        if (error?.ErrorCode is { Length: > 0 } code)
        {
            parts.Add(code);
        }
        if (error?.ErrorId is { Length: > 0 } errorId)
        {
            parts.Add("error_id " + errorId);
        }
        if (correlationId is { Length: > 0 })
        {
            parts.Add("correlation_id " + correlationId);
        }
        var rejected = (error?.ValidationErrors ?? []).Concat(error?.Errors ?? [])
            .Where(v => v?.Parameter is { Length: > 0 })
            .Select(v => $"{v.Parameter}: {v.Reason ?? v.ErrorMessage}");
        var text = string.Join(", ", parts);
        var details = string.Join("; ", rejected);
        var message = error?.ErrorMessage ?? (error?.ErrorMessages is { Count: > 0 } messages ? string.Join("; ", messages) : null);
        return text
            + (string.IsNullOrWhiteSpace(message) ? "" : ": " + message)
            + (details.Length == 0 ? "" : " (" + details + ")");
    }
}

/// <summary>
/// Klarna's error body. The current APIs document <c>error_id</c>, <c>error_type</c>, <c>error_code</c>,
/// <c>error_message</c> and <c>validation_errors</c>; older ones send <c>correlation_id</c>,
/// <c>error_messages</c> or <c>errors</c>. Every one is read; none is required.
/// </summary>
public sealed record KlarnaError(
    string? ErrorId,
    string? ErrorType,
    string? ErrorCode,
    string? ErrorMessage,
    IReadOnlyList<KlarnaValidationError>? ValidationErrors,
    IReadOnlyList<KlarnaValidationError>? Errors,
    string? CorrelationId = null,
    IReadOnlyList<string>? ErrorMessages = null,
    string? DocUrl = null);

public sealed record KlarnaValidationError(string? Parameter, string? Reason, string? ErrorMessage, string? DocUrl = null);
