namespace Checkout.Integration.Tests;

using System.Net;
using System.Text.Json.Nodes;

/// <summary>The merchant API's OpenAPI document: served in Development, and shipped in docs/ exactly as served.</summary>
public sealed class OpenApiDocumentTests(CheckoutAppFactory app) : IClassFixture<CheckoutAppFactory>
{
    [Fact]
    public async Task The_shipped_openapi_document_is_the_one_the_app_serves()
    {
        using var http = app.CreateBrowserLikeClient();

        var response = await http.GetAsync("openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var served = await response.Content.ReadAsStringAsync();
        var shippedPath = Path.Combine(RepositoryRoot(), "docs", "openapi-v1.json");
        var shipped = File.Exists(shippedPath) ? await File.ReadAllTextAsync(shippedPath) : "{}";
        if (!JsonNode.DeepEquals(JsonNode.Parse(served), JsonNode.Parse(shipped)))
        {
            var fresh = Path.Combine(Path.GetTempPath(), "openapi-v1.served.json");
            await File.WriteAllTextAsync(fresh, served);
            Assert.Fail($"docs/openapi-v1.json differs from what the app serves; if the API change is meant, copy {fresh} over it.");
        }
    }

    [Fact]
    public async Task The_document_shows_every_outcome_of_opening_a_session()
    {
        using var http = app.CreateBrowserLikeClient();

        var document = JsonNode.Parse(await http.GetStringAsync("openapi/v1.json"))!;

        var responses = document["paths"]!["/api/v1/checkout-sessions"]!["post"]!["responses"]!.AsObject();
        Assert.Equal(["201", "400", "401", "404", "409"], responses.Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.NotNull(document["paths"]!["/api/v1/on-demand/charges"]);
        Assert.Null(document["paths"]!["/api/payment-request"]);
    }

    [Fact]
    public async Task The_document_shows_every_outcome_of_asking_for_a_portal_link()
    {
        using var http = app.CreateBrowserLikeClient();

        var document = JsonNode.Parse(await http.GetStringAsync("openapi/v1.json"))!;

        var responses = document["paths"]!["/api/v1/subscriptions/{subscriptionId}/portal-links"]!["post"]!["responses"]!.AsObject();
        Assert.Equal(["200", "400", "401", "404", "409"], responses.Select(r => r.Key).Order(StringComparer.Ordinal));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Checkout.sln")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException("No Checkout.sln above the test's directory.");
    }
}
