namespace Checkout.Web.Infrastructure.Persistence;

using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>Keeps the Data Protection key ring in the database, beside the tokens it protects.</summary>
public sealed class DatabaseXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CheckoutDbContext>();
        return db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToList().Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CheckoutDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKeyRecord { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        try
        {
            db.SaveChanges();
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another instance stored the same key first.
        }
    }
}
