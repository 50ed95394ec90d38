namespace Checkout.Klarna.PaymentRequests;

using System.Text.Json;

/// <summary>
/// Reads Klarna's error body field by field, so one field of an unexpected type (or an edge proxy's HTML
/// page) loses only that field, never the error id an operator needs.
/// </summary>
public static class KlarnaErrorReader
{
    /// <summary>Response headers that may carry Klarna's id for the request.</summary>
    public static readonly string[] CorrelationIdHeaders = ["Klarna-Correlation-Id", "Correlation-Id"];

    public static KlarnaError? Read(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 32 });
            if (!JsonDocument.TryParseValue(ref reader, out var parsed) || parsed is null)
            {
                return null;
            }
            document = parsed;
        }
        catch (JsonException)
        {
            return null;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            return new KlarnaError(
                Text(root, "error_id"),
                Text(root, "error_type"),
                Text(root, "error_code"),
                Text(root, "error_message"),
                Parameters(root, "validation_errors"),
                Parameters(root, "errors"),
                Text(root, "correlation_id"),
                Texts(root, "error_messages"),
                Text(root, "doc_url"));
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static IReadOnlyList<string>? Texts(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : null;

    private static IReadOnlyList<KlarnaValidationError>? Parameters(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray()
                .Where(v => v.ValueKind == JsonValueKind.Object)
                .Select(v => new KlarnaValidationError(Text(v, "parameter"), Text(v, "reason"), Text(v, "error_message"), Text(v, "doc_url")))]
            : null;
}
