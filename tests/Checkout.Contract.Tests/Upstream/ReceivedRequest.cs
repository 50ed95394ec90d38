namespace Checkout.Contract.Tests.Upstream;

using System.Text.Json.Nodes;
using global::WireMock;

/// <summary>One request from WireMock.Net's log, as the assertions read it.</summary>
public sealed record ReceivedRequest(
    string Method, string Url, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset ReceivedAt)
{
    public string Path => Url.Split('?')[0];

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public JsonObject Json => JsonNode.Parse(Body)?.AsObject() ?? throw new InvalidOperationException($"Body is not a JSON object: {Body}");

    public static ReceivedRequest From(IRequestMessage request)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers ?? new Dictionary<string, global::WireMock.Types.WireMockList<string>>())
        {
            headers[name] = string.Join(", ", values);
        }
        return new ReceivedRequest(
            request.Method, request.Path + request.RawQuery, headers, request.Body ?? "", new DateTimeOffset(request.DateTime, TimeSpan.Zero));
    }
}
