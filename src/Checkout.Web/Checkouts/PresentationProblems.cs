namespace Checkout.Web.Checkouts;

using Checkout.Web.Orders;

/// <summary>
/// The page reports a Klarna presentation it could not read (it then shows Klarna with a default
/// descriptor), so an operator sees in the logs when Klarna's SDK answers in a shape we did not expect.
/// </summary>
public static partial class PresentationProblems
{
    private const int MaxProblemLength = 300;

    public sealed record Report(string? Problem);

    public static async Task<IResult> ReportAsync(
        Guid checkoutId, Report? report, OrderStore orders, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(report?.Problem))
        {
            return Problems.Validation(new() { ["problem"] = ["problem is required."] });
        }
        if (await orders.FindAsync(checkoutId, cancellationToken) is null)
        {
            return Problems.NotFound("checkoutId", "No checkout with this id.");
        }
        var problem = report.Problem.Length <= MaxProblemLength ? report.Problem : report.Problem[..MaxProblemLength];
        LogUnreadablePresentation(loggers.CreateLogger(typeof(PresentationProblems)), checkoutId, problem.ReplaceLineEndings(" "));
        return TypedResults.NoContent();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkout {OrderId} could not read Klarna's presentation and showed the default descriptor: {Problem}")]
    private static partial void LogUnreadablePresentation(ILogger logger, Guid orderId, string problem);
}
