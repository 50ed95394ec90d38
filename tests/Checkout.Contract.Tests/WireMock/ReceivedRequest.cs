namespace Checkout.Contract.Tests.WireMock;

using System.Text.Json.Nodes;

/// <summary>One entry of WireMock's request journal.</summary>
public sealed record ReceivedRequest(
    string Method, string Url, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset LoggedAt)
{
    public string Path => Url.Split('?')[0];

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public JsonObject Json => JsonNode.Parse(Body)?.AsObject() ?? throw new InvalidOperationException($"Body is not a JSON object: {Body}");

    public static ReceivedRequest From(JsonObject request)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in request["headers"]?.AsObject() ?? [])
        {
            headers[name] = value is JsonArray values ? string.Join(", ", values.Select(v => v!.GetValue<string>())) : value!.GetValue<string>();
        }
        return new ReceivedRequest(
            request["method"]!.GetValue<string>(),
            request["url"]!.GetValue<string>(),
            headers,
            request["body"]?.GetValue<string>() ?? "",
            DateTimeOffset.FromUnixTimeMilliseconds(request["loggedDate"]!.GetValue<long>()));
    }
}
