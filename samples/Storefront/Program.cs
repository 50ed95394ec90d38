using Microsoft.Extensions.Options;
using Storefront;

// A merchant's store that sells one of the checkout's plans: "Subscribe" opens a checkout session, the shopper pays in
// the checkout, comes back here, and the checkout's signed events tell the store what became of the subscription.
var builder = WebApplication.CreateBuilder(args);

// Checkout:BaseUrl, Checkout:ApiKey, Checkout:WebhookSecret and Store:PlanId, checked at start.
builder.Services.AddStoreSettings();
// The checkout's merchant API, with the store's key, timeouts and retries.
builder.Services.AddCheckoutClient();
// The events' signature check and what the store learns from them (in memory).
builder.Services.AddCheckoutEvents();
// To the AppHost's dashboard when OTEL_EXPORTER_OTLP_ENDPOINT is set.
builder.AddStoreTelemetry();
builder.Services.AddAntiforgery();
builder.Services.AddHealthChecks();

var app = builder.Build();

app.UseAntiforgery();
app.MapHealthChecks("/healthz");
app.MapStorePages();
app.MapCheckoutEvents();

// A missing or malformed setting stops the start with one line per setting.
try
{
    await app.StartAsync();
}
catch (OptionsValidationException invalid)
{
    await Console.Error.WriteLineAsync("The store cannot start: " + string.Join(Environment.NewLine + "The store cannot start: ", invalid.Failures));
    return 1;
}
await app.WaitForShutdownAsync();
return 0;
