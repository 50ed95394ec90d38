using Checkout.Sandbox.Common;
using Microsoft.AspNetCore.Http;

namespace Checkout.Sandbox.Klarna.Notifications;

internal sealed record ValidationError(string Parameter, string Reason);

/// <summary>Klarna's documented error body: <c>{error_id, error_type, error_code, error_message, validation_errors[{parameter, reason}]}</c>.</summary>
internal sealed record NotificationError(
    string ErrorId, string ErrorType, string ErrorCode, string ErrorMessage, IReadOnlyList<ValidationError>? ValidationErrors = null)
{
    public static IResult Invalid(IReadOnlyList<ValidationError> errors) =>
        Respond(StatusCodes.Status400BadRequest, "INPUT_ERROR", "VALIDATION_ERROR", "The request is not valid.", errors);

    public static IResult NotFound(string what) =>
        Respond(StatusCodes.Status404NotFound, "RESOURCE_ERROR", "NOT_FOUND", $"{what} was not found.");

    public static IResult AlreadyExists() =>
        Respond(StatusCodes.Status409Conflict, "INPUT_ERROR", "CONFLICT", "The webhook configuration already exists.");

    private static IResult Respond(int status, string type, string code, string message, IReadOnlyList<ValidationError>? errors = null) =>
        Results.Json(new NotificationError(Guid.NewGuid().ToString(), type, code, message, errors), SandboxJson.SnakeCase, statusCode: status);
}
