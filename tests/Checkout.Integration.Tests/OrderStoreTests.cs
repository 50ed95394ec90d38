namespace Checkout.Integration.Tests;

using Checkout.Domain.Plans;
using Checkout.Web.Checkouts;
using Checkout.Web.Infrastructure.Persistence;
using Checkout.Web.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;

/// <summary>Orders written through SQLite's group commit must read back through EF exactly as they were opened.</summary>
public sealed class OrderStoreTests
{
    private readonly CheckoutAppFactory app = SharedApp.Default.App;
    [Fact]
    public async Task Orders_opened_at_once_are_all_stored_with_every_field_as_EF_reads_it()
    {
        var plan = DemoPlans.Find("premium-monthly");
        var orders = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<OrderStore>().OpenAsync(Guid.NewGuid(), plan, CancellationToken.None);
        }));

        await using var read = app.Services.CreateAsyncScope();
        var db = read.ServiceProvider.GetRequiredService<CheckoutDbContext>();
        var ids = orders.Select(o => o.Id).ToList();
        var stored = await db.Orders.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id);
        Assert.Equal(orders.Length, stored.Count);
        foreach (var order in orders)
        {
            var back = stored[order.Id];
            Assert.Equal(
                (order.CheckoutKey, order.PlanId, order.PlanKind, order.AmountDueMinorUnits, order.Currency, order.Status, order.PaymentRequestId, order.StatusReason),
                (back.CheckoutKey, back.PlanId, back.PlanKind, back.AmountDueMinorUnits, back.Currency, back.Status, back.PaymentRequestId, back.StatusReason));
            Assert.Equal(AsEfStoresIt(order.CreatedAt), back.CreatedAt);
            Assert.Equal(AsEfStoresIt(order.UpdatedAt), back.UpdatedAt);
        }
    }

    /// <summary>EF's own SQLite conversion of an instant (100 µs steps, offset kept), the one the raw insert must match.</summary>
    private static DateTimeOffset AsEfStoresIt(DateTimeOffset value)
    {
        var converter = new DateTimeOffsetToBinaryConverter();
        return (DateTimeOffset)converter.ConvertFromProvider(converter.ConvertToProvider(value))!;
    }
}
