namespace Checkout.Contract.Tests.Upstream;

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using global::WireMock.Server;
using global::WireMock.Settings;

/// <summary>
/// WireMock.Net in this process: an HTTP fake written by someone else, so our clients cannot agree with
/// themselves. Tests stub it with WireMock.Net's own <c>Given(...).RespondWith(...)</c> and read its log.
/// </summary>
public sealed class FakeUpstream() : WireMockServer(Settings)
{
    private static WireMockServerSettings Settings => new()
    {
        // Lets a response callback reach the connection it answers on, to break it (see BrokenConnection).
        AdditionalServiceRegistration = services => services.AddSingleton<IHttpContextAccessor>(BrokenConnection.Accessor),
    };

    public Uri BaseAddress => new($"{Url}/");

    /// <summary>Forgets every mapping, scenario state and received request.</summary>
    public Task ResetAsync()
    {
        Reset();
        ResetScenarios();
        return Task.CompletedTask;
    }

    /// <summary>Every request received at <paramref name="path"/> since the last reset, oldest first.</summary>
    public IReadOnlyList<ReceivedRequest> Received(string path) =>
        LogEntries.Select(entry => entry.RequestMessage).OfType<global::WireMock.IRequestMessage>()
            .Select(ReceivedRequest.From)
            .Where(request => request.Path == path)
            .OrderBy(request => request.ReceivedAt)
            .ToList();

    /// <summary>
    /// The requests at <paramref name="path"/> once at least <paramref name="count"/> are logged. WireMock.Net
    /// logs a request when it has answered it, so a delayed answer shows up late: wait for it, within a bound
    /// that is a guard for a stuck test, never a timing assertion.
    /// </summary>
    public Task<IReadOnlyList<ReceivedRequest>> ReceivedAsync(string path, int count) =>
        Eventually.MatchesAsync($"{count} requests at {path}", () => Received(path), received => received.Count >= count);
}
