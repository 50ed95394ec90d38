namespace Checkout.Web.MerchantAuthentication;

using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c> against <see cref="MerchantApiKeys"/>. A challenge is 401 with
/// <c>WWW-Authenticate: Bearer</c>, or 404 while no key is configured, so the merchant API does not exist until a key is set.
/// </summary>
public sealed class MerchantApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, MerchantApiKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Bearer = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization;
        if (!keys.Enabled || header.Count != 1 || header[0] is not { } value || !value.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        if (!keys.Matches(value[Bearer.Length..]))
        {
            return Task.FromResult(AuthenticateResult.Fail("The bearer key is not one of Merchant:ApiKeys."));
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "merchant")], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (!keys.Enabled)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        Response.Headers.WWWAuthenticate = "Bearer";
        await TypedResults.Problem("Send Authorization: Bearer <one of Merchant:ApiKeys>.",
            statusCode: StatusCodes.Status401Unauthorized, title: "Not authorized").ExecuteAsync(Context);
    }
}
