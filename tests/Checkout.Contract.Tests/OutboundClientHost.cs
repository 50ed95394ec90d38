namespace Checkout.Contract.Tests;

using Checkout.Acquiring;
using Checkout.Klarna;
using Checkout.Web.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

/// <summary>The app's own client registration (<see cref="OutboundClients.AddOutboundClients"/>), pointed at WireMock.</summary>
public static class OutboundClientHost
{
    public const string KlarnaApiKey = "klarna_test_api_contract";
    public const string AcquirerApiKey = "acquirer-contract-key";
    public const string MerchantId = "9991";
    public const string ApiKeyId = "5e45c937b9db33ae";
    public const string SecretApiKey = "I42Zf4pVnRdroHfuHnRiJjJ2B6+22h0yQt/R3nZR8Xg=";
    public const string ReturnUrl = "https://shop.example/checkout/return";

    /// <summary>Generous enough that a healthy attempt never times out; timeout tests pass a short one.</summary>
    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(5);

    public static ServiceProvider Create(
        Uri fake,
        AcquirerKind kind = AcquirerKind.Generic,
        TimeSpan? attemptTimeout = null,
        IDictionary<string, string?>? overrides = null,
        Action<IServiceCollection>? configure = null)
    {
        var timeout = (attemptTimeout ?? DefaultAttemptTimeout).ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        var settings = new Dictionary<string, string?>
        {
            ["Klarna:BaseUrl"] = fake.ToString(),
            ["Klarna:ApiKey"] = KlarnaApiKey,
            ["Klarna:Timeout"] = timeout,
            ["Acquirer:Kind"] = kind.ToString(),
            ["Acquirer:BaseUrl"] = fake.ToString(),
            ["Acquirer:ApiKey"] = AcquirerApiKey,
            ["Acquirer:MerchantId"] = MerchantId,
            ["Acquirer:ApiKeyId"] = ApiKeyId,
            ["Acquirer:SecretApiKey"] = SecretApiKey,
            ["Acquirer:ReturnUrl"] = ReturnUrl,
            ["Acquirer:Timeout"] = timeout,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<KlarnaOptions>().Bind(configuration.GetSection(KlarnaOptions.Section));
        services.AddOptions<AcquirerOptions>().Bind(configuration.GetSection(AcquirerOptions.Section));
        services.AddOutboundClients();
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }
}
