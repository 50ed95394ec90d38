using System.Net;
using System.Text.RegularExpressions;

namespace Checkout.Emulator.Tests;

public sealed partial class JourneyTests
{
    [Fact]
    public async Task Shopper_who_confirms_email_and_code_can_approve()
    {
        await using var host = await SandboxHost.StartAsync();
        var (id, path) = await StartAsync(host, SandboxRequests.SubscriptionWithPurchase());

        var opened = await host.Client.GetStringAsync(path);
        Assert.Equal("IN_PROGRESS", (await host.ReadAsync(id)).Body.State());
        Assert.Contains("id=\"klarna-email\"", opened, StringComparison.Ordinal);
        Assert.Contains("9.99 USD", opened, StringComparison.Ordinal);

        var codeStep = await PostAsync(host, $"{path}/email", id, ("email", "customer+us@klarna.com"));
        Assert.Contains("id=\"klarna-otp\"", codeStep.Html, StringComparison.Ordinal);
        Assert.Contains("pattern=\"[0-9]{6}\"", codeStep.Html, StringComparison.Ordinal);
        var approveStep = await PostAsync(host, $"{path}/otp", id, ("otp", "123456"));
        Assert.Contains("id=\"klarna-approve\"", approveStep.Html, StringComparison.Ordinal);
        Assert.Contains(">Subscribe</button>", approveStep.Html, StringComparison.Ordinal);
        var final = await PostAsync(host, $"{path}/approve", id);

        Assert.Equal("COMPLETED", (await host.ReadAsync(id)).Body.State());
        Assert.Contains("data-state=\"COMPLETED\"", final.Html, StringComparison.Ordinal);
        Assert.Contains("data-return-url=\"https://merchant.example/return?order=123\"", final.Html, StringComparison.Ordinal);
        Assert.Contains("journey.js", final.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("999999")]
    [InlineData("12345")]
    [InlineData("abcdef")]
    public async Task Wrong_code_is_refused_and_the_state_is_unchanged(string code)
    {
        await using var host = await SandboxHost.StartAsync();
        var (id, path) = await StartAsync(host, SandboxRequests.OneOffPurchase());
        await host.Client.GetStringAsync(path);
        await PostAsync(host, $"{path}/email", id, ("email", "customer+us@klarna.com"));

        var refused = await PostAsync(host, $"{path}/otp", id, ("otp", code));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("role=\"alert\"", refused.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"klarna-otp\"", refused.Html, StringComparison.Ordinal);
        Assert.Equal("IN_PROGRESS", (await host.ReadAsync(id)).Body.State());
    }

    [Fact]
    public async Task Forged_approval_without_the_code_step_is_refused()
    {
        await using var host = await SandboxHost.StartAsync();
        var (id, path) = await StartAsync(host, SandboxRequests.OneOffPurchase());
        await PostAsync(host, $"{path}/email", id, ("email", "customer+us@klarna.com"));

        var forged = await PostAsync(host, $"{path}/approve", id);
        var wrongForm = await PostAsync(host, $"{path}/abort", $"krn:payment:eu1:request:{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Equal(HttpStatusCode.BadRequest, wrongForm.Status);
        Assert.Equal("IN_PROGRESS", (await host.ReadAsync(id)).Body.State());
    }

    [Fact]
    public async Task Abort_cancels_and_a_denied_shopper_is_declined()
    {
        await using var host = await SandboxHost.StartAsync();
        var (aborted, abortPath) = await StartAsync(host, SandboxRequests.OneOffPurchase());
        var (denied, deniedPath) = await StartAsync(host, SandboxRequests.OneOffPurchase());

        await PostAsync(host, $"{abortPath}/abort", aborted);
        await PostAsync(host, $"{deniedPath}/email", denied, ("email", "customer+us+denied@klarna.com"));
        await PostAsync(host, $"{deniedPath}/otp", denied, ("otp", "000000"));
        await PostAsync(host, $"{deniedPath}/approve", denied);

        Assert.Equal("CANCELED", (await host.ReadAsync(aborted)).Body.State());
        Assert.Equal("DECLINED", (await host.ReadAsync(denied)).Body.State());
    }

    [Fact]
    public async Task Pages_carry_no_inline_script_or_style()
    {
        await using var host = await SandboxHost.StartAsync();
        var (id, path) = await StartAsync(host, SandboxRequests.OneOffPurchase());

        var pages = new[]
        {
            await host.Client.GetStringAsync(path),
            (await PostAsync(host, $"{path}/email", id, ("email", "a@b.c"))).Html,
            (await PostAsync(host, $"{path}/otp", id, ("otp", "111111"))).Html,
            (await PostAsync(host, $"{path}/abort", id)).Html,
        };

        foreach (var html in pages)
        {
            Assert.DoesNotMatch(InlineScript(), html);
            Assert.DoesNotMatch(InlineHandlerOrStyle(), html);
        }

        Assert.All(pages[..3], html => Assert.Contains("id=\"klarna-abort\"", html, StringComparison.Ordinal));
        Assert.Contains("data-state=\"CANCELED\"", pages[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Journey_assets_are_served()
    {
        await using var host = await SandboxHost.StartAsync();

        using var script = await host.Client.GetAsync("/sandbox/klarna/journey.js");
        using var style = await host.Client.GetAsync("/sandbox/klarna/journey.css");

        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Contains("klarna-sandbox", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("text/css", style.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<(string Id, string Path)> StartAsync(SandboxHost host, object body)
    {
        var created = await host.CreateAsync(body);
        var url = new Uri(created["state_context"]!["customer_interaction"]!["payment_request_url"]!.GetValue<string>());
        return (created.Id(), url.AbsolutePath);
    }

    private static async Task<(HttpStatusCode Status, string Html)> PostAsync(
        SandboxHost host, string path, string paymentRequestId, params (string Name, string Value)[] fields)
    {
        var form = fields.Select(field => new KeyValuePair<string, string>(field.Name, field.Value))
            .Append(new("payment_request_id", paymentRequestId));
        using var content = new FormUrlEncodedContent(form);
        using var response = await host.Client.PostAsync(path, content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"\s(on[a-z]+|style)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandlerOrStyle();
}
