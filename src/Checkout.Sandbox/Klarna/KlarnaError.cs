using Checkout.Sandbox.Common;
using Microsoft.AspNetCore.Http;

namespace Checkout.Sandbox.Klarna;

/// <summary>One entry of <c>validation_errors</c>: the parameter path and why it failed.</summary>
internal sealed record KlarnaValidationError(string Parameter, string Reason);

/// <summary>
/// Klarna's error body as its "Error handling" page documents it: <c>{error_id, error_type, error_code,
/// error_message, validation_errors[{parameter, reason}]}</c> (<c>validation_errors</c> only for VALIDATION_ERROR).
/// </summary>
internal sealed record KlarnaError(
    string ErrorId,
    string ErrorType,
    string ErrorCode,
    string ErrorMessage,
    IReadOnlyList<KlarnaValidationError>? ValidationErrors = null)
{
    public static IResult Unauthorized() => Respond(
        StatusCodes.Status401Unauthorized, "ACCESS_ERROR", "UNAUTHORIZED", "The credentials are missing or not valid.");

    public static IResult NotFound(string what) => Respond(
        StatusCodes.Status404NotFound, "RESOURCE_ERROR", "NOT_FOUND", $"{what} was not found.");

    public static IResult InvalidInput(string message) => Respond(
        StatusCodes.Status400BadRequest, "INPUT_ERROR", "VALIDATION_ERROR", message);

    public static IResult Validation(IReadOnlyList<KlarnaValidationError> errors) => Respond(
        StatusCodes.Status400BadRequest, "INPUT_ERROR", "VALIDATION_ERROR", "The request is not valid.", errors);

    public static IResult Conflict(string errorCode, string message) => Respond(
        StatusCodes.Status409Conflict, "INPUT_ERROR", errorCode, message);

    public static KlarnaError Create(string type, string code, string message, IReadOnlyList<KlarnaValidationError>? errors = null) =>
        new(Guid.NewGuid().ToString(), type, code, message, errors);

    private static IResult Respond(
        int status, string type, string code, string message, IReadOnlyList<KlarnaValidationError>? errors = null) =>
        Results.Json(Create(type, code, message, errors), SandboxJson.SnakeCase, statusCode: status);
}
