using System.Text.Json;
using System.Text.Json.Serialization;

namespace Checkout.Sandbox.Common;

internal static class SandboxJson
{
    /// <summary>Klarna's and the acquirer's wire format.</summary>
    public static readonly JsonSerializerOptions SnakeCase = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>What the Web SDK stand-in reads: JavaScript's camelCase.</summary>
    public static readonly JsonSerializerOptions CamelCase = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
