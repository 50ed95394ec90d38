namespace Checkout.Contract.Tests.Samples;

using System.Text.Json.Nodes;

/// <summary>Response bodies taken from the seeds (and, for Worldline, from its public API reference).</summary>
public static class Sample
{
    public const string Seed002Completed = "seed-002-partner-payment-completed.json";
    public const string Seed002Open = "seed-002-partner-payment-open.json";
    public const string Seed000Submitted = "seed-000-payment-request-submitted.json";
    public const string Seed000Completed = "seed-000-payment-request-completed.json";
    public const string WorldlineCreated = "worldline-create-payment-201.json";
    public const string WorldlineRejected = "worldline-payment-rejected-402.json";
    public const string WorldlineInvalidRequest = "worldline-invalid-request-400.json";

    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", name));

    public static JsonObject Json(string name) => JsonNode.Parse(Text(name))!.AsObject();
}
