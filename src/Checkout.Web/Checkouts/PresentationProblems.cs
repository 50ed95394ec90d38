namespace Checkout.Web.Checkouts;

using Checkout.Domain.Plans;
using Checkout.Web.Orders;
using Microsoft.AspNetCore.Http.HttpResults;

/// <summary>
/// The page reports a Klarna presentation it could not read (it then shows Klarna with a default
/// descriptor), so an operator sees in the logs when Klarna's SDK answers in a shape we did not expect.
/// The page reports before any order exists, so the report names the page's checkout key and plan.
/// </summary>
public static partial class PresentationProblems
{
    private const int MaxProblemLength = 300;

    public sealed record Report(string? CheckoutKey, string? PlanId, string? Problem);

    public static Results<NoContent, ValidationProblem> Receive(Report? report, PlanCatalog catalog, ILoggerFactory loggers)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!Guid.TryParse(report?.CheckoutKey, out var checkoutKey))
        {
            errors["checkoutKey"] = ["checkoutKey must be the key of a checkout page this site served."];
        }
        var plan = catalog.Find(report?.PlanId);
        if (plan is null)
        {
            errors["planId"] = ["planId must be one of this site's plans."];
        }
        if (string.IsNullOrWhiteSpace(report?.Problem))
        {
            errors["problem"] = ["problem is required."];
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var problem = report!.Problem!.Length <= MaxProblemLength ? report.Problem : report.Problem[..MaxProblemLength];
        LogUnreadablePresentation(loggers.CreateLogger(typeof(PresentationProblems)), checkoutKey, plan!.Id, problem.ReplaceLineEndings(" "));
        return TypedResults.NoContent();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkout page {CheckoutKey} ({PlanId}) could not read Klarna's presentation and showed the default descriptor: {Problem}")]
    private static partial void LogUnreadablePresentation(ILogger logger, Guid checkoutKey, string planId, string problem);
}
