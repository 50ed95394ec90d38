namespace Checkout.Web.Admin;

using System.Security.Claims;
using Checkout.Web.Infrastructure.Options;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

/// <summary>
/// The operator's sign-ins as rows, checked on every request: a cookie is honoured only while its session is neither
/// signed out nor past <c>Admin:SessionLifetime</c>, and only under the current <c>Admin:Key</c>. Real time throughout:
/// moving the test clock must not sign the operator out.
/// </summary>
public sealed class OperatorSessions(CheckoutDbContext db, AdminKey key, IOptions<AdminSettings> settings)
{
    public const string SessionClaim = "operator-session";

    public const string KeyVersionClaim = "operator-key-version";

    public async Task<ClaimsPrincipal> StartAsync(CancellationToken cancellationToken)
    {
        var now = TimeProvider.System.GetUtcNow();
        var session = new OperatorSession { Id = Guid.NewGuid(), IssuedAt = now, ExpiresAt = now + settings.Value.SessionLifetime };
        db.OperatorSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "operator"), new Claim(SessionClaim, session.Id.ToString("N")), new Claim(KeyVersionClaim, key.Version)],
            AdminRegistration.Scheme);
        return new ClaimsPrincipal(identity);
    }

    public async Task<bool> IsValidAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (!key.IsCurrentVersion(principal.FindFirstValue(KeyVersionClaim)) || SessionOf(principal) is not { } id)
        {
            return false;
        }
        var now = TimeProvider.System.GetUtcNow();
        return await db.OperatorSessions.AsNoTracking().AnyAsync(s => s.Id == id && s.RevokedAt == null && s.ExpiresAt > now, cancellationToken);
    }

    public async Task EndAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (SessionOf(principal) is { } id)
        {
            var now = TimeProvider.System.GetUtcNow();
            await db.OperatorSessions.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now), cancellationToken);
        }
    }

    private static Guid? SessionOf(ClaimsPrincipal principal) =>
        Guid.TryParseExact(principal.FindFirstValue(SessionClaim), "N", out var id) ? id : null;
}

/// <summary>Refuses, on each request, a cookie whose session <see cref="OperatorSessions"/> no longer honours.</summary>
public sealed class OperatorCookieEvents(OperatorSessions sessions) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null || !await sessions.IsValidAsync(context.Principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AdminRegistration.Scheme);
        }
    }
}
