namespace Checkout.Integration.Tests;

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Holds the app's calls with effects (not GETs) made while it serves a request to <see cref="Path"/> until that request's
/// client has gone away, then lets them through: the upstream answers after the client left. Added to every outbound
/// client of the app by <see cref="Into"/>.
/// </summary>
public sealed class UpstreamAfterTheClientLeft
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The request path whose upstream calls are held, e.g. <c>/api/payment-request</c>.</summary>
    public string Path { get; set; } = "/nothing-held";

    /// <summary>Completes when the first held call reaches the upstream's door.</summary>
    public Task Reached => _reached.Task;

    public static Action<IServiceCollection> Into(UpstreamAfterTheClientLeft gate, Action<IServiceCollection>? more = null) => services =>
    {
        services.AddHttpContextAccessor();
        services.ConfigureHttpClientDefaults(client => client.AddHttpMessageHandler(
            provider => new Handler(gate, provider.GetRequiredService<IHttpContextAccessor>())));
        more?.Invoke(services);
    };

    private sealed class Handler(UpstreamAfterTheClientLeft gate, IHttpContextAccessor accessor) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method != HttpMethod.Get
                && accessor.HttpContext is { } context && context.Request.Path.StartsWithSegments(gate.Path, StringComparison.Ordinal))
            {
                var clientLeft = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                using var registration = context.RequestAborted.Register(() => clientLeft.TrySetResult());
                gate._reached.TrySetResult();
                await clientLeft.Task.WaitAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
            }
            // The app's own token for this call: the request's if the app still ties the call to its client.
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
