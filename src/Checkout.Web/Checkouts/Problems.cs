namespace Checkout.Web.Checkouts;

/// <summary>The checkout's error answers: ProblemDetails that say what to do next.</summary>
public static class Problems
{
    public static IResult Validation(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "Some fields are not valid.");

    public static IResult NotFound(string field, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: $"Unknown {field}");

    public static IResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Checkout already finished");

    public static IResult BadGateway(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status502BadGateway, title: "Klarna refused the request");

    public static IResult Unavailable(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Payment provider unavailable");
}
