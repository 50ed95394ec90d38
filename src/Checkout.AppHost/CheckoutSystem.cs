namespace Checkout.AppHost;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

/// <summary>
/// The programs of the system and how they find each other: each gets the others' URLs from the AppHost, and the
/// development keys from <see cref="DevelopmentKeys"/>. Their telemetry goes to the dashboard (OTEL_EXPORTER_OTLP_ENDPOINT,
/// set by the AppHost).
/// </summary>
internal static partial class CheckoutSystem
{
    private const string Http = "http";

    /// <summary>The emulator on <paramref name="port"/>, in Development, healthy once <c>/healthz</c> answers.</summary>
    public static IResourceBuilder<ProjectResource> AddKlarnaEmulator(this IDistributedApplicationBuilder builder, int port) =>
        builder.AddProject<Projects.Checkout_Sandbox>("klarna-emulator")
            .WithEndpoint(Http, endpoint => endpoint.Port = port)
            .WithEnvironment("Sandbox__Klarna__ApiKey", DevelopmentKeys.KlarnaApiKey)
            .WithEnvironment("Sandbox__Klarna__ClientId", DevelopmentKeys.KlarnaClientId)
            .WithEnvironment("Sandbox__Klarna__SigningKeyId", DevelopmentKeys.SigningKeyId)
            .WithEnvironment("Sandbox__Klarna__SigningKey", DevelopmentKeys.SigningKey)
            .WithEnvironment("Sandbox__Acquirer__ApiKey", DevelopmentKeys.AcquirerApiKey)
            .WithEnvironment("Sandbox__Acquirer__WebhookSecret", DevelopmentKeys.AcquirerWebhookSecret)
            .WithHttpHealthCheck("/healthz");

    /// <summary>
    /// The checkout on <paramref name="port"/>, talking to <paramref name="emulator"/> as it talks to Klarna and the acquirer
    /// (through its settings), started once the emulator is healthy; the emulator's webhooks and callbacks come back to it.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddCheckout(
        this IDistributedApplicationBuilder builder, int port, IResourceBuilder<ProjectResource> emulator, string? database)
    {
        var klarna = emulator.GetEndpoint(Http);
        var checkout = builder.AddProject<Projects.Checkout_Web>("checkout")
            .WithEndpoint(Http, endpoint => endpoint.Port = port)
            .WithEnvironment("Klarna__BaseUrl", ReferenceExpression.Create($"{klarna}/sandbox/klarna/"))
            .WithEnvironment("Klarna__SdkUrl", ReferenceExpression.Create($"{klarna}/sandbox/klarna/web-sdk/v2/klarna.mjs"))
            .WithEnvironment("Klarna__ApiKey", DevelopmentKeys.KlarnaApiKey)
            .WithEnvironment("Klarna__ClientId", DevelopmentKeys.KlarnaClientId)
            .WithEnvironment($"Klarna__WebhookSigningKeys__{DevelopmentKeys.SigningKeyId.Replace(":", "__", StringComparison.Ordinal)}", DevelopmentKeys.SigningKey)
            .WithEnvironment("Acquirer__Kind", "Generic")
            .WithEnvironment("Acquirer__BaseUrl", ReferenceExpression.Create($"{klarna}/sandbox/acquirer/"))
            .WithEnvironment("Acquirer__ApiKey", DevelopmentKeys.AcquirerApiKey)
            .WithEnvironment("Acquirer__WebhookSecret", DevelopmentKeys.AcquirerWebhookSecret)
            .WithEnvironment("TestClock__EmulatorClockUrl", ReferenceExpression.Create($"{klarna}/sandbox/clock/advance"))
            .WithHttpHealthCheck("/healthz")
            .WaitFor(emulator)
            .OnResourceReady(AnnounceAsync);
        if (!string.IsNullOrWhiteSpace(database))
        {
            checkout.WithEnvironment("ConnectionStrings__Checkout", database);
        }

        var shop = checkout.GetEndpoint(Http);
        emulator
            .WithEnvironment("Sandbox__Klarna__WebhookUrl", ReferenceExpression.Create($"{shop}/api/webhooks/klarna"))
            .WithEnvironment("Sandbox__Acquirer__CallbackUrl", ReferenceExpression.Create($"{shop}/api/webhooks/acquirer"));
        return checkout;
    }

    /// <summary>Where to open the checkout, printed once it answers (Aspire prints the dashboard's address itself).</summary>
    private static async Task AnnounceAsync(ProjectResource checkout, ResourceReadyEvent ready, CancellationToken cancellationToken)
    {
        var url = await checkout.GetEndpoint(Http).GetValueAsync(cancellationToken);
        var logger = ready.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Checkout.AppHost");
        LogReady(logger, url);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The checkout is ready: open {Url} and pay with Klarna (the emulator's journey).")]
    private static partial void LogReady(ILogger logger, string? url);

    /// <summary>
    /// The checkout on PostgreSQL (<c>Database:Provider=Postgres</c>), as <paramref name="instances"/> instances behind its one
    /// port: what docs/operations.md describes for production, on a laptop. The database runs in a container.
    /// </summary>
    public static IResourceBuilder<ProjectResource> OnPostgres(
        this IResourceBuilder<ProjectResource> checkout, IResourceBuilder<PostgresDatabaseResource> database, int instances) =>
        checkout
            .WithEnvironment("Database__Provider", "Postgres")
            .WithReference(database, connectionName: "Checkout")
            .WaitFor(database)
            .WithReplicas(instances);

    /// <summary>The sample store (samples/Storefront) on <paramref name="port"/>, healthy once <c>/healthz</c> answers.</summary>
    public static IResourceBuilder<ProjectResource> AddStorefront(this IDistributedApplicationBuilder builder, int port) =>
        builder.AddProject<Projects.Storefront>("storefront")
            .WithEndpoint(Http, endpoint => endpoint.Port = port)
            .WithHttpHealthCheck("/healthz");

    /// <summary>
    /// A merchant's store that sends shoppers to <paramref name="checkout"/> and receives its signed events (issue 23): the
    /// store gets the checkout's URL, its merchant API key and the events' secret; the checkout gets the store's events
    /// endpoint. The store starts once the checkout is healthy.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AsStoreOf(
        this IResourceBuilder<ProjectResource> store, IResourceBuilder<ProjectResource> checkout)
    {
        store
            .WithEnvironment("Checkout__BaseUrl", checkout.GetEndpoint(Http))
            .WithEnvironment("Checkout__ApiKey", DevelopmentKeys.MerchantApiKey)
            .WithEnvironment("Checkout__WebhookSecret", DevelopmentKeys.MerchantWebhookSecret)
            .WaitFor(checkout);
        var events = store.GetEndpoint(Http);
        checkout
            .WithEnvironment("Merchant__ApiKeys__0", DevelopmentKeys.MerchantApiKey)
            .WithEnvironment($"Merchant__Webhooks__{store.Resource.Name}__Url", ReferenceExpression.Create($"{events}/checkout-events"))
            .WithEnvironment($"Merchant__Webhooks__{store.Resource.Name}__Secret", DevelopmentKeys.MerchantWebhookSecret);
        return store;
    }
}
