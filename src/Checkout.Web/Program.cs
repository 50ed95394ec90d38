using Checkout.Web.Admin;
using Checkout.Web.Brand;
using Checkout.Web.Catalog;
using Checkout.Web.Checkouts;
using Checkout.Web.Completion;
using Checkout.Web.Events;
using Checkout.Web.Infrastructure;
using Checkout.Web.Infrastructure.Http;
using Checkout.Web.Infrastructure.Options;
using Checkout.Web.Infrastructure.Persistence;
using Checkout.Web.KlarnaSetup;
using Checkout.Web.Localization;
using Checkout.Web.MerchantApi;
using Checkout.Web.MerchantAuthentication;
using Checkout.Web.OnDemand;
using Checkout.Web.Pages;
using Checkout.Web.Sessions;
using Checkout.Web.Subscriptions;
using Checkout.Web.Telemetry;
using Checkout.Web.TestClock;
using Checkout.Web.Tokens;
using Checkout.Web.Webhooks;

var builder = WebApplication.CreateBuilder(args);

// `dotnet run --project src/Checkout.Web -- klarna setup|webhooks|check`: set up and check the Klarna account, then
// exit; without the web server, the worker or the database.
if (args is ["klarna", .. var klarnaArgs])
{
    return await KlarnaCommands.RunAsync(klarnaArgs, builder.Configuration, Console.Out, Console.Error);
}

// `dotnet run --project src/Checkout.Web -- events send TYPE --to URL [--secret whsec_…]`: a signed sample event for a
// receiver being built, then exit; without the web server or the database.
if (args is ["events", not "resend", ..])
{
    return await EventsCommands.SendAsync(args[1..], builder.Configuration, Console.Out, Console.Error);
}

builder.AddCheckoutLogging();
// In Development, one line naming what to run when the Klarna emulator the settings point at does not answer.
builder.AddMissingEmulatorNotice();
var services = builder.Services;
// The system clock, or in Development with TestClock:Enabled one the operator's view can move forward.
services.AddAppClock();
// Checkout:PublicBaseUrl, the root of every return URL.
services.AddCheckoutSettings();
// The merchant's plans, from settings.
services.AddPlanCatalog();
// The merchant's name, logo, colour and links, from settings.
services.AddBrand();
// Shopper pages in the session's locale, else the browser's language, else Localization:DefaultCulture.
services.AddShopperLocalization();
// SQLite by default; Database:Provider=Postgres for several instances on one database.
services.AddCheckoutDatabase(builder.Configuration);
// Customer tokens encrypted at rest, under keys kept in the database and encrypted with DataProtection:CertificatePath.
services.AddTokenVault(builder.Configuration);
// Klarna's and the acquirer's settings and HTTP clients, each with its timeout and resilience pipeline.
services.AddUpstreams(builder.Configuration);
// Orders, Klarna's payment request and the first charge.
services.AddCheckoutPayments();
// Klarna's webhooks stored as they arrive; the worker acts on them.
services.AddWebhookProcessing();
// Orders completed by webhook, callback or read; the reconciler settles those whose webhook never came.
services.AddOrderCompletion();
// Subscriptions started by completed sign-ups, renewed on schedule.
services.AddSubscriptions();
// The merchant's server as a caller: Bearer keys from Merchant:ApiKeys; its API is off (404) without one.
services.AddMerchantApiKeys();
// Rides charged on demand through the merchant API.
services.AddOnDemandCharges();
// Checkout sessions the store's server opens, completed by their orders.
services.AddCheckoutSessions();
// The OpenAPI document of the store's API, /api/v1.
services.AddMerchantApi();
// Signed events to the merchant's systems (Merchant:Webhooks), from an outbox written with each change.
services.AddMerchantEvents();
// The operator's view at /admin: off unless Admin:Key is set.
services.AddOperatorView(builder.Environment);
// Traces and funnel metrics; exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set, /metrics when enabled.
builder.AddCheckoutTelemetry();
// The real client behind the proxies ForwardedHeaders:KnownProxies/KnownNetworks name; nobody else's headers are believed.
services.AddCheckoutForwardedHeaders();
// Per-client limits (RateLimits:*), answered 429.
services.AddCheckoutRateLimits();
// The Content-Security-Policy (Klarna's hosts) and the other security headers.
services.AddSecurityHeaders();
builder.AddRequestLimits();
services.AddCheckoutPages(builder.Environment);

var app = builder.Build();

// `dotnet Checkout.Web.dll migrate` (or `dotnet run --project src/Checkout.Web -- migrate`): migrate the database and exit.
if (args is ["migrate", ..])
{
    return await app.MigrateAndExitAsync();
}

// `dotnet run --project src/Checkout.Web -- events resend ID`: one more attempt now of a delivery (or of an event's
// deliveries), recorded like the worker's, then exit.
if (args is ["events", "resend", .. var resendArgs])
{
    return app.Services.ValidateSettings(Console.Error) ? await EventsCommands.ResendAsync(app.Services, resendArgs, Console.Out, Console.Error) : 1;
}

// A misconfigured start ends here with one line per setting to fix, and exit code 1.
if (!app.Services.ValidateSettings(Console.Error))
{
    return 1;
}

// First: the client's address and scheme as the configured proxies saw them, for everything after.
app.UseForwardedHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler();
    app.UseHsts();
    app.UseHttpsRedirection();
}
app.Use(app.Services.GetRequiredService<SecurityHeaders>().Apply);
// Prometheus' /metrics when Telemetry:Prometheus:Enabled, for loopback and allowed networks only; not request-logged.
// The app's instruments are created here, so every export has them from the start.
app.UseCheckoutMetricsEndpoint();
app.UseStatusCodePages();
app.UseStaticFiles();
// One log line per request (static files excepted), with the order and Klarna's correlation id where known.
app.UseCheckoutRequestLogging();
// A client that went away is logged as such (499), never as a server error.
app.UseClientDisconnects();
app.UseRateLimiter();
// The shopper's culture: the checkout session's locale, else Accept-Language, else Localization:DefaultCulture.
app.UseRequestLocalization();
// Who is calling, then what they may reach: the /admin folder's policy and the merchant API's. Both after routing
// (implicit, at the start), so they see the endpoint and its policy. No scheme is the default: only an endpoint whose
// policy names one authenticates (the operator's cookie under /admin, the merchant API's key), so the shopper's and
// Klarna's requests read no credentials at all.
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapHealthChecks("/healthz");
// Pages, each limited as a read unless it names its own policy; /admin only with Admin:Key (AddOperatorView).
app.MapRazorPages();
// The merchant's accent colour as a stylesheet (Brand:AccentColor).
app.MapBrand();
app.MapCheckoutApi();
// The funnel steps only the browser sees (Klarna selected); counted, never stored.
app.MapCheckoutEvents();
app.MapKlarnaWebhooks();
app.MapAcquirerWebhooks();
app.MapShopperSubscriptions();
// Where Klarna returns the shopper after a ride's step-up.
app.MapRideReturnPage();
// The store's API, /api/v1 (checkout sessions, ride charges): 404 unless Merchant:ApiKeys is set; its OpenAPI document in Development.
app.MapMerchantApi();
// The events of the last 30 days, for a store catching up: 404 unless Merchant:ApiKeys is set.
app.MapMerchantEvents();

// With Database:MigrateAtStartup=false and a migration missing, one line naming the command, and exit code 1.
try
{
    await app.InitializeDatabaseAsync();
}
catch (PendingMigrationsException pending)
{
    await Console.Error.WriteLineAsync("The checkout cannot start: " + pending.Message);
    return 1;
}
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program
{
}
