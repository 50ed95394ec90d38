namespace Checkout.Contract.Tests.WireMock;

using System.Text.Json.Nodes;

/// <summary>WireMock JSON mappings, as its admin API takes them.</summary>
public static class Stub
{
    public const string Started = "Started";

    public static JsonObject Json(string method, string urlPath, int status, string body, params (string Name, string Value)[] headers)
    {
        var responseHeaders = new JsonObject { ["Content-Type"] = "application/json" };
        foreach (var (name, value) in headers)
        {
            responseHeaders[name] = value;
        }
        return Mapping(method, urlPath, new JsonObject { ["status"] = status, ["headers"] = responseHeaders, ["body"] = body });
    }

    public static JsonObject Status(string method, string urlPath, int status, params (string Name, string Value)[] headers) =>
        Json(method, urlPath, status, "", headers);

    /// <summary>One of WireMock's faults: CONNECTION_RESET_BY_PEER, EMPTY_RESPONSE, MALFORMED_RESPONSE_CHUNK, RANDOM_DATA_THEN_CLOSE.</summary>
    public static JsonObject Fault(string method, string urlPath, string fault) =>
        Mapping(method, urlPath, new JsonObject { ["fault"] = fault });

    public static JsonObject Delayed(this JsonObject mapping, int milliseconds)
    {
        mapping["response"]!["fixedDelayMilliseconds"] = milliseconds;
        return mapping;
    }

    /// <summary>Answers only in <paramref name="state"/> of <paramref name="scenario"/>, then moves it on.</summary>
    public static JsonObject InScenario(this JsonObject mapping, string scenario, string state, string? next = null)
    {
        mapping["scenarioName"] = scenario;
        mapping["requiredScenarioState"] = state;
        if (next is not null)
        {
            mapping["newScenarioState"] = next;
        }
        return mapping;
    }

    private static JsonObject Mapping(string method, string urlPath, JsonObject response) => new()
    {
        ["request"] = new JsonObject { ["method"] = method, ["urlPath"] = urlPath },
        ["response"] = response,
    };
}
