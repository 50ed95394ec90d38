namespace Checkout.Klarna;

using System.Text.Json;
using System.Text.Json.Serialization;

/// <summary>Klarna speaks snake_case and leaves out what is not set.</summary>
public static class KlarnaJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        MaxDepth = 32,
    };
}
