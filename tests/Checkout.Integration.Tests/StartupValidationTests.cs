namespace Checkout.Integration.Tests;

/// <summary>
/// A misconfigured deployment does not start: it prints one line per setting to fix, naming the key, and
/// exits with 1, without a stack trace. Run as the built app, as an operator would see it.
/// </summary>
public sealed class StartupValidationTests
{
    [Fact]
    public async Task Every_missing_Klarna_key_is_named()
    {
        var (exit, lines) = await StartAsync(new()
        {
            ["Klarna__ClientId"] = "",
            ["Acquirer__Kind"] = "Generic",
        });

        Assert.Equal(1, exit);
        foreach (var key in new[] { "Klarna:ApiKey", "Klarna:ClientId", "Klarna:WebhookSigningKeys", "Klarna:BaseUrl", "Klarna:SdkUrl" })
        {
            Assert.Single(lines, line => line.StartsWith(key, StringComparison.Ordinal));
        }
        AssertNoStackTrace(lines);
    }

    [Fact]
    public async Task Generic_acquirer_without_its_settings_is_named()
    {
        var (exit, lines) = await StartAsync(new()
        {
            ["Klarna__BaseUrl"] = "https://api-global.test.klarna.com/",
            ["Klarna__SdkUrl"] = "https://js.klarna.com/web-sdk/v2/klarna.mjs",
            ["Klarna__ApiKey"] = "klarna_test_api_x",
            ["Klarna__ClientId"] = "klarna_test_client_x",
            ["Klarna__WebhookSigningKeys__k1"] = "secret",
            ["Acquirer__Kind"] = "Generic",
        });

        Assert.Equal(1, exit);
        Assert.Equal(["Acquirer:BaseUrl", "Acquirer:ApiKey"], lines.Where(l => l.StartsWith("Acquirer:", StringComparison.Ordinal)).Select(l => l.Split(' ')[0]));
        Assert.DoesNotContain(lines, l => l.StartsWith("Klarna:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_bad_event_endpoint_setting_is_named_on_a_line_of_its_own()
    {
        var (exit, lines) = await StartAsync(new()
        {
            ["Merchant__Webhooks__store__Url"] = "ftp://store.example.com/events",
            ["Merchant__Webhooks__store__Secret"] = "whsec_c2hvcnQ=",
            ["Merchant__Webhooks__crm__Url"] = "https://crm.example.com/checkout-events",
            ["Merchant__Webhooks__crm__Secret"] = EventReceiver.Secret,
            ["Merchant__Webhooks__crm__Events__0"] = "order.paid",
            ["Merchant__EventDelivery__AttemptTimeout"] = "00:00:00",
        });

        Assert.Equal(1, exit);
        foreach (var key in new[]
        {
            "Merchant:Webhooks:store:Url", "Merchant:Webhooks:store:Secret", "Merchant:Webhooks:crm:Events", "Merchant:EventDelivery:AttemptTimeout",
        })
        {
            Assert.Single(lines, line => line.StartsWith(key, StringComparison.Ordinal));
        }
        Assert.DoesNotContain(lines, line => line.StartsWith("Merchant:Webhooks:crm:Url", StringComparison.Ordinal) || line.StartsWith("Merchant:Webhooks:crm:Secret", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(EventReceiver.Secret, StringComparison.Ordinal));
        AssertNoStackTrace(lines);
    }

    [Fact]
    public async Task Wrong_values_of_the_apps_own_settings_are_each_named()
    {
        var (exit, lines) = await StartAsync(new()
        {
            ["Worker__LeaseDuration"] = "00:00:00",
            ["RateLimits__ReadsPerMinute"] = "0",
            ["Reconciler__Interval"] = "-00:00:01",
            ["Checkout__PublicBaseUrl"] = "shop.example.com",
            ["Security__KlarnaOrigins__0"] = "http://insecure.example",
            ["Telemetry__Prometheus__AllowedNetworks__0"] = "everyone",
            ["Merchant__ApiKeys__0"] = "too-short",
        });

        Assert.Equal(1, exit);
        foreach (var key in new[]
        {
            "Worker:LeaseDuration", "RateLimits:ReadsPerMinute", "Reconciler:Interval", "Checkout:PublicBaseUrl", "Security:KlarnaOrigins",
            "Telemetry:Prometheus:AllowedNetworks", "Merchant:ApiKeys",
        })
        {
            Assert.Single(lines, line => line.StartsWith(key, StringComparison.Ordinal));
        }
        AssertNoStackTrace(lines);
    }

    [Fact]
    public async Task Production_without_Klarna_and_acquirer_settings_names_each_key()
    {
        var (exit, lines) = await StartAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = "Production" });

        Assert.Equal(1, exit);
        foreach (var key in new[]
        {
            "Klarna:BaseUrl", "Klarna:SdkUrl", "Klarna:ApiKey", "Klarna:ClientId", "Klarna:WebhookSigningKeys", "Acquirer:BaseUrl", "Acquirer:ApiKey",
            "Catalog:Plans lists no plans", "Brand:DisplayName",
        })
        {
            Assert.Single(lines, line => line.StartsWith(key, StringComparison.Ordinal));
        }
        AssertNoStackTrace(lines);
    }

    [Fact]
    public async Task With_migration_at_start_up_off_a_database_without_the_schema_is_refused_in_one_line_naming_the_migrate_command()
    {
        using var certificate = KeyRingCertificate.Write();
        var (exit, output, error) = await RunAsync(new()
        {
            ["Klarna__BaseUrl"] = "https://api-global.test.klarna.com/",
            ["Klarna__SdkUrl"] = "https://js.klarna.com/web-sdk/v2/klarna.mjs",
            ["Klarna__ApiKey"] = "klarna_test_api_x",
            ["Klarna__ClientId"] = "klarna_test_client_x",
            ["Klarna__WebhookSigningKeys__k1"] = "secret",
            ["Acquirer__BaseUrl"] = "https://acquirer.example/",
            ["Acquirer__ApiKey"] = "acquirer_key",
            ["Database__MigrateAtStartup"] = "false",
            ["Catalog__Plans__0__Id"] = "basic",
            ["Catalog__Plans__0__Name"] = "Basic",
            ["Catalog__Plans__0__Kind"] = "Subscription",
            ["Catalog__Plans__0__Currency"] = "EUR",
            ["Catalog__Plans__0__PriceMinorUnits"] = "500",
            ["Brand__DisplayName"] = "Basic Store",
            ["Checkout__PublicBaseUrl"] = "https://shop.example.com/",
            ["DataProtection__CertificatePath"] = certificate.Path,
            ["DataProtection__CertificatePassword"] = KeyRingCertificate.Password,
        });

        Assert.Equal(1, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("The checkout cannot start: The database lacks schema migrations", line, StringComparison.Ordinal);
        Assert.Contains("`dotnet run --project src/Checkout.Web -- migrate`", line, StringComparison.Ordinal);
        Assert.Contains("Database:MigrateAtStartup=true", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Currency=XYZ", "Catalog:Plans:1:Currency (plan gold)")]
    [InlineData("PriceMinorUnits=0", "Catalog:Plans:1:PriceMinorUnits (plan gold)")]
    [InlineData("Kind=OnDemand;FreeTrialDays=14;OnDemandMinimumMinorUnits=500;OnDemandMaximumMinorUnits=5000", "Catalog:Plans:1:FreeTrialDays (plan gold)")]
    [InlineData("Kind=OnDemand;OnDemandMinimumMinorUnits=500;OnDemandMaximumMinorUnits=1000", "Catalog:Plans:1:OnDemandMaximumMinorUnits (plan gold)")]
    [InlineData("Id=basic", "Catalog:Plans:1:Id (plan basic)")]
    [InlineData("Translations__nl-NL__Name=Goud", "Catalog:Plans:1:Translations:nl-NL (plan gold)")]
    [InlineData("Translations__de-DE__Description=Alles in Gold", "Catalog:Plans:1:Translations:de-DE:Name (plan gold)")]
    public async Task A_bad_plan_stops_the_start_with_one_line_naming_the_plan_and_the_field(string overrides, string line)
    {
        var settings = ReadyToStart();
        var plan = new Dictionary<string, string> { ["Id"] = "gold", ["Name"] = "Gold", ["Kind"] = "Subscription", ["Currency"] = "EUR", ["PriceMinorUnits"] = "1500" };
        foreach (var pair in overrides.Split(';'))
        {
            plan[pair.Split('=')[0]] = pair.Split('=')[1];
        }
        foreach (var (key, value) in plan)
        {
            settings[$"Catalog__Plans__1__{key}"] = value;
        }

        var (exit, lines) = await StartAsync(settings);

        Assert.Equal(1, exit);
        Assert.StartsWith(line + " ", Assert.Single(lines, l => l.StartsWith("Catalog:", StringComparison.Ordinal)), StringComparison.Ordinal);
        AssertNoStackTrace(lines);
    }

    [Fact]
    public async Task A_price_that_is_not_whole_minor_units_stops_the_start_naming_its_key()
    {
        var settings = ReadyToStart();
        settings["Catalog__Plans__0__PriceMinorUnits"] = "9.99";

        var (exit, lines) = await StartAsync(settings);

        Assert.Equal(1, exit);
        Assert.Single(lines, l => l.Contains("Catalog:Plans:0:PriceMinorUnits", StringComparison.Ordinal));
        AssertNoStackTrace(lines);
    }

    [Fact]
    public async Task A_catalog_file_that_does_not_exist_stops_the_start_naming_it()
    {
        var settings = ReadyToStart();
        settings["Catalog__File"] = Path.Combine(Path.GetTempPath(), $"no-such-catalog-{Guid.NewGuid():N}.json");

        var (exit, lines) = await StartAsync(settings);

        Assert.Equal(1, exit);
        Assert.Contains("does not exist", Assert.Single(lines, l => l.StartsWith("Catalog:File ", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    /// <summary>Every setting a start outside Development needs, Klarna's and the acquirer's and one plan, so a test spoils only its own.</summary>
    private static Dictionary<string, string> ReadyToStart() => new()
    {
        ["Klarna__BaseUrl"] = "https://api-global.test.klarna.com/",
        ["Klarna__SdkUrl"] = "https://js.klarna.com/web-sdk/v2/klarna.mjs",
        ["Klarna__ApiKey"] = "klarna_test_api_x",
        ["Klarna__ClientId"] = "klarna_test_client_x",
        ["Klarna__WebhookSigningKeys__k1"] = "secret",
        ["Acquirer__BaseUrl"] = "https://acquirer.example/",
        ["Acquirer__ApiKey"] = "acquirer_key",
        ["Catalog__Plans__0__Id"] = "basic",
        ["Catalog__Plans__0__Name"] = "Basic",
        ["Catalog__Plans__0__Kind"] = "Subscription",
        ["Catalog__Plans__0__Currency"] = "EUR",
        ["Catalog__Plans__0__PriceMinorUnits"] = "500",
        ["Brand__DisplayName"] = "Basic Store",
    };

    [Fact]
    public async Task A_culture_that_is_not_a_language_and_region_or_a_default_not_among_them_stops_the_start_naming_each()
    {
        var settings = ReadyToStart();
        settings["Localization__SupportedCultures__0"] = "en-US";
        settings["Localization__SupportedCultures__1"] = "english";
        settings["Localization__DefaultCulture"] = "de-DE";

        var (exit, lines) = await StartAsync(settings);

        Assert.Equal(1, exit);
        Assert.Equal(
            ["Localization:DefaultCulture", "Localization:SupportedCultures"],
            lines.Where(l => l.StartsWith("Localization:", StringComparison.Ordinal)).Select(l => l.Split(' ')[0]).Order(StringComparer.Ordinal));
        AssertNoStackTrace(lines);
    }

    [Fact]
    public async Task A_bad_brand_stops_the_start_with_one_line_for_each_setting()
    {
        var settings = ReadyToStart();
        settings["Brand__AccentColor"] = "blurple";
        settings["Brand__LogoUrl"] = "http://cdn.shop.example/logo.svg";
        settings["Brand__SupportEmail"] = "support at shop";
        settings["Brand__TermsUrl"] = "http://shop.example/terms";

        var (exit, lines) = await StartAsync(settings);

        Assert.Equal(1, exit);
        Assert.Equal(
            ["Brand:AccentColor", "Brand:LogoUrl", "Brand:SupportEmail", "Brand:TermsUrl"],
            lines.Where(l => l.StartsWith("Brand:", StringComparison.Ordinal)).Select(l => l.Split(' ')[0]).Order(StringComparer.Ordinal));
        AssertNoStackTrace(lines);
    }

    [Fact]
    public async Task Outside_Development_the_start_is_refused_without_key_ring_protection_or_a_public_base_url_each_in_one_line()
    {
        var (exit, lines) = await StartAsync(new()
        {
            ["Klarna__BaseUrl"] = "https://api-global.test.klarna.com/",
            ["Klarna__SdkUrl"] = "https://js.klarna.com/web-sdk/v2/klarna.mjs",
            ["Klarna__ApiKey"] = "klarna_test_api_x",
            ["Klarna__ClientId"] = "klarna_test_client_x",
            ["Klarna__WebhookSigningKeys__k1"] = "secret",
            ["Acquirer__BaseUrl"] = "https://acquirer.example/",
            ["Acquirer__ApiKey"] = "acquirer_key",
        });

        Assert.Equal(1, exit);
        Assert.Single(lines, l => l.StartsWith("DataProtection:CertificatePath is required outside Development", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("Checkout:PublicBaseUrl is required outside Development", StringComparison.Ordinal));
        AssertNoStackTrace(lines);
    }

    [Fact]
    public async Task Configured_outside_Development_behind_a_tls_proxy_it_starts_and_the_antiforgery_cookie_is_secure()
    {
        using var certificate = KeyRingCertificate.Write();
        var port = Ports.Free();
        using var process = BuiltApp.Start(["--urls", $"http://127.0.0.1:{port}"], new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Staging",
            ["ConnectionStrings__Checkout"] = $"Data Source={Path.Combine(Path.GetTempPath(), $"checkout-start-{Guid.NewGuid():N}.db")}",
            ["Klarna__BaseUrl"] = "https://api-global.test.klarna.com/",
            ["Klarna__SdkUrl"] = "https://js.klarna.com/web-sdk/v2/klarna.mjs",
            ["Klarna__ApiKey"] = "klarna_test_api_x",
            ["Klarna__ClientId"] = "klarna_test_client_x",
            ["Klarna__WebhookSigningKeys__k1"] = "secret",
            ["Acquirer__BaseUrl"] = "https://acquirer.example/",
            ["Acquirer__ApiKey"] = "acquirer_key",
            ["Checkout__PublicBaseUrl"] = "https://shop.example.com/",
            ["DataProtection__CertificatePath"] = certificate.Path,
            ["DataProtection__CertificatePassword"] = KeyRingCertificate.Password,
            // TLS ends at the proxy in front of it, which says so in X-Forwarded-Proto.
            ["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
            ["Catalog__Plans__0__Id"] = "premium-monthly",
            ["Catalog__Plans__0__Name"] = "Premium",
            ["Catalog__Plans__0__Kind"] = "Subscription",
            ["Catalog__Plans__0__Currency"] = "USD",
            ["Catalog__Plans__0__PriceMinorUnits"] = "999",
            ["Brand__DisplayName"] = "Basic Store",
        });
        // Read as it comes, so the app never waits on a full pipe while it starts.
        var output = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
            DefaultRequestHeaders = { { "X-Forwarded-Proto", "https" } },
        };
        try
        {
            using var page = await FirstAnswerAsync(http, process, "checkout?plan=premium-monthly");

            Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
            var cookie = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
            Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            await output;
        }
    }

    /// <summary>The app's answer to <paramref name="path"/> once it listens, while the process runs.</summary>
    private static Task<HttpResponseMessage> FirstAnswerAsync(HttpClient http, System.Diagnostics.Process process, string path) =>
        // A process start on a busy machine JITs the whole app: the bound is for a stuck start, not a slow one.
        Eventually.MatchesAsync<HttpResponseMessage>(
            $"the app to answer GET /{path}",
            async () => process.HasExited ? throw new InvalidOperationException($"The app exited ({process.ExitCode}) before it answered.") : await http.GetAsync(path),
            _ => true,
            TimeSpan.FromMinutes(5));

    [Fact]
    public async Task The_test_clock_outside_Development_is_refused_naming_the_key()
    {
        var (exit, lines) = await StartAsync(new() { ["TestClock__Enabled"] = "true" });

        Assert.Equal(1, exit);
        Assert.Single(lines, line => line.StartsWith("TestClock:Enabled", StringComparison.Ordinal));
        AssertNoStackTrace(lines);
    }

    /// <summary>Starts the built app with these environment variables; its exit code and its output's lines, trimmed.</summary>
    private static async Task<(int Exit, string[] Lines)> StartAsync(Dictionary<string, string> environment)
    {
        var (exit, output, error) = await RunAsync(environment);
        var text = output + "\n" + error;
        return (exit, text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>Starts the built app with these environment variables on an empty database; its exit code, stdout and stderr.</summary>
    private static async Task<(int Exit, string Output, string Error)> RunAsync(Dictionary<string, string> environment)
    {
        environment.TryAdd("ASPNETCORE_ENVIRONMENT", "Staging");
        environment["ConnectionStrings__Checkout"] = $"Data Source={Path.Combine(Path.GetTempPath(), $"checkout-start-{Guid.NewGuid():N}.db")}";
        using var process = BuiltApp.Start(["--urls", $"http://127.0.0.1:{Ports.Free()}"], environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException("The app started although its settings are wrong.");
        }
        return (process.ExitCode, await output, await error);
    }

    private static void AssertNoStackTrace(string[] lines) =>
        Assert.DoesNotContain(lines, l => l.StartsWith("at ", StringComparison.Ordinal) || l.Contains("Unhandled exception", StringComparison.Ordinal));
}
