namespace Checkout.Web.Pages.Admin;

using Checkout.Web.Admin;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>Ends the operator's session: the cookie is removed, and its session revoked so a copy of it stops working too.</summary>
public sealed class LogoutModel(OperatorSessions sessions) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/admin");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await sessions.EndAsync(User, cancellationToken);
        await HttpContext.SignOutAsync(AdminRegistration.Scheme);
        return LocalRedirect("/admin/login");
    }
}
