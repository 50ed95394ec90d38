using System.Net;
using System.Text.Json.Nodes;

namespace Checkout.Emulator.Tests;

public sealed class WebSdkTests
{
    [Fact]
    public async Task Module_is_served_as_javascript()
    {
        await using var host = await SandboxHost.StartAsync();

        using var response = await host.Client.GetAsync("/sandbox/klarna/web-sdk/v2/klarna.mjs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        var module = await response.Content.ReadAsStringAsync();
        Assert.Contains("export async function KlarnaSDK", module, StringComparison.Ordinal);
        Assert.Contains("export default KlarnaSDK", module, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_is_issued_only_to_the_configured_client()
    {
        await using var host = await SandboxHost.StartAsync();

        using var known = await host.Client.PostAsync("/sandbox/klarna/web-sdk/v2/session", SandboxHost.Json(new { clientId = host.ClientId }));
        using var unknown = await host.Client.PostAsync("/sandbox/klarna/web-sdk/v2/session", SandboxHost.Json(new { clientId = "klarna_test_client_other" }));

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.StartsWith("krn:network:eu1:test:session-token:",
            (await SandboxRequests.ReadJsonAsync(known))["klarna_network_session_token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }

    [Theory]
    [InlineData("amount=11800&currency=USD&intents=PAY", "SHOW_KLARNA", "Pay in 4 interest-free payments")]
    [InlineData("amount=11800&currency=USD&intents=SUBSCRIBE", "SHOW_KLARNA", "Pay monthly, cancel anytime")]
    [InlineData("currency=EUR&intents=SUBSCRIBE", "SHOW_KLARNA", "Save Klarna for later purchases")]
    [InlineData("amount=11800&currency=JPY", "HIDE_KLARNA", null)]
    [InlineData("amount=1000001&currency=USD", "HIDE_KLARNA", null)]
    [InlineData("amount=11800&currency=USD&instruction=PRESELECT_KLARNA", "PRESELECT_KLARNA", "Pay in 4 interest-free payments")]
    public async Task Presentation_follows_currency_amount_and_intent(string query, string instruction, string? subheader)
    {
        await using var host = await SandboxHost.StartAsync();

        var presentation = await PresentAsync(host, $"clientId={host.ClientId}&{query}");

        Assert.Equal(instruction, presentation["instruction"]!.GetValue<string>());
        if (subheader is null)
        {
            Assert.Null(presentation["paymentOption"]);
            return;
        }

        var option = presentation["paymentOption"]!;
        Assert.Equal("S0xBUk5BX0RFRkFVTFQ=", option["paymentOptionId"]!.GetValue<string>());
        Assert.Equal(subheader, option["subheader"]!["text"]!.GetValue<string>());
        Assert.Equal(instruction == "PRESELECT_KLARNA", option["badge"] is not null);
    }

    [Fact]
    public async Task Configured_instruction_overrides_the_default()
    {
        await using var host = await SandboxHost.StartAsync(new Dictionary<string, string?> { ["Sandbox:Klarna:Instruction"] = "SHOW_ONLY_KLARNA" });

        var presentation = await PresentAsync(host, $"clientId={host.ClientId}&amount=100&currency=USD");

        Assert.Equal("SHOW_ONLY_KLARNA", presentation["instruction"]!.GetValue<string>());
    }

    [Fact]
    public async Task Content_shape_gives_klarnas_words_as_data_on_a_selectable_option()
    {
        await using var host = await SandboxHost.StartAsync(new Dictionary<string, string?> { ["Sandbox:Klarna:PresentationShape"] = "Content" });

        var presentation = await PresentAsync(host, $"clientId={host.ClientId}&amount=999&currency=USD&intents=SUBSCRIBE");

        var option = Assert.Single(presentation["paymentOptions"]!.AsArray())!;
        Assert.Equal("S0xBUk5BX0NPTlRFTlQ=", option["paymentOptionId"]!.GetValue<string>());
        Assert.Equal("Subscribe with Klarna", option["content"]!["header"]!.GetValue<string>());
        Assert.Equal("Pay monthly, cancel anytime", option["content"]!["subheader"]!.GetValue<string>());
        Assert.StartsWith("data:image/svg+xml,", option["content"]!["logo"]!["url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(option["paymentButton"]);
    }

    [Fact]
    public async Task Enriched_subheader_shape_gives_the_subheader_in_two_lengths_on_the_presentation_itself()
    {
        await using var host = await SandboxHost.StartAsync(new Dictionary<string, string?> { ["Sandbox:Klarna:PresentationShape"] = "EnrichedSubheader" });

        var presentation = await PresentAsync(host, $"clientId={host.ClientId}&amount=999&currency=USD&intents=SUBSCRIBE");

        var subheader = presentation["components"]!["subheader"]!;
        Assert.Equal("Pay monthly, cancel anytime", subheader["short"]!["text"]!.GetValue<string>());
        Assert.Equal("Learn more", subheader["enriched"]!["link"]!["text"]!.GetValue<string>());
        Assert.Null(presentation["paymentOption"]);
    }

    [Fact]
    public async Task Presentation_for_an_unknown_client_is_unauthorized()
    {
        await using var host = await SandboxHost.StartAsync();

        using var response = await host.Client.GetAsync("/sandbox/klarna/web-sdk/v2/presentation?clientId=nobody&amount=100&currency=USD");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task<JsonObject> PresentAsync(SandboxHost host, string query)
    {
        using var response = await host.Client.GetAsync($"/sandbox/klarna/web-sdk/v2/presentation?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await SandboxRequests.ReadJsonAsync(response);
    }
}
