namespace Checkout.Domain.Plans;

public enum TokenScope
{
    /// <summary><c>payment:customer_present</c>: on-demand charges; the shopper can step up.</summary>
    CustomerPresent,

    /// <summary><c>payment:customer_not_present</c>: subscription charges without the shopper.</summary>
    CustomerNotPresent,
}
