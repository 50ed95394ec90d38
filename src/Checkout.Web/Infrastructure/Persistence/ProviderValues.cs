namespace Checkout.Web.Infrastructure.Persistence;

using Microsoft.EntityFrameworkCore;

public static class ProviderValues
{
    /// <summary>
    /// The value as the column stores it (e.g. a DateTimeOffset as SQLite's sortable number), for the few
    /// statements written in SQL rather than through the model.
    /// </summary>
    public static object ToProviderValue<TEntity>(this DbContext db, string property, object value) =>
        db.Model.FindEntityType(typeof(TEntity))?.FindProperty(property)?.GetTypeMapping().Converter?.ConvertToProvider(value)
        ?? value;
}
