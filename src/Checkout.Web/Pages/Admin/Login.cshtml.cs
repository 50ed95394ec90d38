namespace Checkout.Web.Pages.Admin;

using Checkout.Web.Admin;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>
/// Signs the operator in with <c>Admin:Key</c>; a wrong key gets the same page with an error, logged without the key and
/// counted by <see cref="SignInLockout"/>, whose policy answers 429 once a client has sent too many.
/// </summary>
public sealed partial class LoginModel(AdminKey adminKey, OperatorSessions sessions, SignInLockout lockout, ILogger<LoginModel> log) : PageModel
{
    public string? Error { get; private set; }

    public string? ReturnUrl { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? key, string? returnUrl, CancellationToken cancellationToken)
    {
        ReturnUrl = returnUrl;
        var client = SignInLockout.ClientOf(HttpContext);
        if (!adminKey.Matches(key))
        {
            LogRefused(log, client);
            lockout.Failed(HttpContext);
            Error = "That is not the admin key.";
            return Page();
        }
        await HttpContext.SignInAsync(AdminRegistration.Scheme, await sessions.StartAsync(cancellationToken));
        LogSignedIn(log, client);
        return LocalRedirect(IsOperatorUrl(returnUrl) ? returnUrl! : "/admin");
    }

    private bool IsOperatorUrl(string? url) =>
        url is not null && Url.IsLocalUrl(url) && (url.Equals("/admin", StringComparison.OrdinalIgnoreCase) || url.StartsWith("/admin/", StringComparison.OrdinalIgnoreCase));

    [LoggerMessage(EventId = 4101, EventName = "OperatorSignInRefused", Level = LogLevel.Warning, Message = "Operator sign-in refused: wrong key from {Client}")]
    private static partial void LogRefused(ILogger logger, string client);

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator signed in from {Client}")]
    private static partial void LogSignedIn(ILogger logger, string client);
}
