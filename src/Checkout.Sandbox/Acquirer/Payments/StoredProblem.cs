using System.Text.Json;
using System.Text.Json.Nodes;
using Checkout.Sandbox.Common;

namespace Checkout.Sandbox.Acquirer.Payments;

/// <summary>ProblemDetails (RFC 9457) as stored bytes, for answers that pass through the idempotency table.</summary>
internal static class StoredProblem
{
    public static StoredResponse Create(int status, string title, string detail, IDictionary<string, string[]>? errors = null)
    {
        var problem = new JsonObject
        {
            ["type"] = $"https://tools.ietf.org/html/rfc9110#section-15.{(status >= 500 ? "6" : "5")}",
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
        };
        if (errors is not null)
        {
            problem["errors"] = JsonSerializer.SerializeToNode(errors);
        }

        return new StoredResponse(status, JsonSerializer.SerializeToUtf8Bytes(problem), "application/problem+json");
    }

    public static StoredResponse Json<T>(int status, T value) =>
        new(status, JsonSerializer.SerializeToUtf8Bytes(value, SandboxJson.SnakeCase), "application/json; charset=utf-8");
}
