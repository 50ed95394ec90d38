namespace Checkout.Integration.Tests;

using System.Net.Http.Headers;
using Checkout.Domain.Tokens;
using Microsoft.Extensions.DependencyInjection;

/// <summary>What the shopper does in the Klarna app: withdraws the customer token the app stored for <c>ownerId</c>.</summary>
public static class KlarnaTokens
{
    public static async Task RevokeAsync(CheckoutAppFactory app, Guid ownerId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var token = await scope.ServiceProvider.GetRequiredService<ICustomerTokenVault>().FindAsync(ownerId, CancellationToken.None);
        using var klarna = new HttpClient { BaseAddress = app.Emulator.Root };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"sandbox/klarna/customer-tokens/{Uri.EscapeDataString(token!.Value)}/revoke");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", app.Emulator.Keys.KlarnaApiKey);
        using var response = await klarna.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
