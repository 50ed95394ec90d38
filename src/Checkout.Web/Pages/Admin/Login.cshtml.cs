namespace Checkout.Web.Pages.Admin;

using System.Security.Claims;
using Checkout.Web.Admin;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>Signs the operator in with <c>Admin:Key</c>; a wrong key gets the same page with an error, logged without the key.</summary>
public sealed partial class LoginModel(AdminKey adminKey, AdminLoginLimiter limiter, ILogger<LoginModel> log) : PageModel
{
    public string? Error { get; private set; }

    public string? ReturnUrl { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? key, string? returnUrl)
    {
        ReturnUrl = returnUrl;
        var client = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (!limiter.TryAcquire(client))
        {
            LogThrottled(log, client);
            Error = "Too many sign-in attempts from here. Wait a minute and try again.";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        if (!adminKey.Matches(key))
        {
            LogRefused(log, client);
            Error = "That is not the admin key.";
            return Page();
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "operator")], AdminRegistration.Scheme);
        await HttpContext.SignInAsync(AdminRegistration.Scheme, new ClaimsPrincipal(identity));
        LogSignedIn(log, client);
        return LocalRedirect(IsOperatorUrl(returnUrl) ? returnUrl! : "/admin");
    }

    private bool IsOperatorUrl(string? url) =>
        url is not null && Url.IsLocalUrl(url) && (url.Equals("/admin", StringComparison.OrdinalIgnoreCase) || url.StartsWith("/admin/", StringComparison.OrdinalIgnoreCase));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operator sign-in refused: wrong key from {Client}")]
    private static partial void LogRefused(ILogger logger, string client);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operator sign-in throttled for {Client}")]
    private static partial void LogThrottled(ILogger logger, string client);

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator signed in from {Client}")]
    private static partial void LogSignedIn(ILogger logger, string client);
}
