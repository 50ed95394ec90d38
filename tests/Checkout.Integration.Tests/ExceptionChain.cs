namespace Checkout.Integration.Tests;

/// <summary>A failure and every exception inside it, so a test can find the message a start-up failure carries.</summary>
internal static class ExceptionChain
{
    public static IEnumerable<Exception> Flatten(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
