namespace Checkout.Web.Checkouts;

using Microsoft.AspNetCore.Http.HttpResults;

/// <summary>The checkout's error answers: ProblemDetails that say what to do next.</summary>
public static class Problems
{
    public static ValidationProblem Validation(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "Some fields are not valid.");

    public static ProblemHttpResult NotFound(string field, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: $"Unknown {field}");

    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: title);

    public static ProblemHttpResult BadGateway(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status502BadGateway, title: "Klarna refused the request");

    public static ProblemHttpResult Unavailable(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Payment provider unavailable");
}
