namespace Checkout.Web.KlarnaSetup;

using Checkout.Klarna.Notifications;
using Checkout.Web.Infrastructure;
using Checkout.Web.Infrastructure.Options;

/// <summary>
/// <c>klarna setup | webhooks [delete ID] | check</c>: set up and check the Klarna account the app uses. They start no
/// web server or worker and need no database; a failure is one line and exit code 1.
/// </summary>
public static class KlarnaCommands
{
    public const string CompletedEvent = "payment.request.state-change.completed";

    private const string Usage =
        "Usage: klarna setup [--webhook-url https://<host>/api/webhooks/klarna] [--print-secret] | klarna webhooks [delete <webhook id>] | klarna check.";

    /// <summary>The one flag: <c>klarna setup</c> prints the new signing secret only when asked.</summary>
    private const string PrintSecret = "print-secret";

    /// <summary>
    /// Runs one verb (the arguments after <c>klarna</c>); returns the exit code. <paramref name="secrets"/> is where
    /// <c>setup</c> stores the new signing secret: the app's user-secrets file unless given.
    /// </summary>
    public static async Task<int> RunAsync(
        string[] args, IConfiguration configuration, TextWriter output, TextWriter? errors = null, UserSecretsFile? secrets = null)
    {
        errors ??= output;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            var (verb, positional, options) = Parse(args);
            if (verb is null)
            {
                throw new KlarnaSetupException(Usage);
            }
            var settings = KlarnaCommandSettings.Bind(configuration);
            var webhookUrl = verb == "setup" ? SetupWebhookUrl(options, settings.Checkout.PublicBaseUrl) : null;
            var target = KlarnaTarget.From(settings);
            await using var services = new ServiceCollection().AddKlarnaNotifications(target.BaseUrl, target.ApiKey).BuildServiceProvider();
            var client = services.GetRequiredService<NotificationClient>();
            return verb switch
            {
                "setup" => await SetupAsync(
                    client, webhookUrl!, secrets ?? UserSecretsFile.ForApp(), options.ContainsKey(PrintSecret), output, cancel.Token),
                "webhooks" when positional is [] => await ListAsync(client, output, cancel.Token),
                "webhooks" when positional is ["delete", var id] => await DeleteAsync(client, id, output, cancel.Token),
                "check" => await KlarnaChecks.RunAsync(client, target, settings.Security, output, cancel.Token),
                _ => throw new KlarnaSetupException(Usage),
            };
        }
        catch (Exception e) when (e is KlarnaSetupException or KlarnaNotificationException)
        {
            await errors.WriteLineAsync(e.Message);
            return 1;
        }
        catch (Exception e)
        {
            await errors.WriteLineAsync($"klarna {string.Join(' ', args.Take(1))} failed: {e.Message.ReplaceLineEndings(" ")}");
            return 1;
        }
    }

    /// <summary>Klarna delivers webhooks only over HTTPS on port 443 or 8443.</summary>
    public static bool IsDeliverable(Uri url) => url.Scheme == Uri.UriSchemeHttps && url.Port is 443 or 8443;

    private static Uri SetupWebhookUrl(Dictionary<string, string> options, string? publicBaseUrl)
    {
        var given = options.GetValueOrDefault("webhook-url")
            ?? (!string.IsNullOrWhiteSpace(publicBaseUrl)
                && Uri.TryCreate(publicBaseUrl.TrimEnd('/') + "/", UriKind.Absolute, out var root)
                ? new Uri(root, KlarnaTarget.WebhookPath).AbsoluteUri
                : throw new KlarnaSetupException("Give --webhook-url https://<your host>/api/webhooks/klarna (or set Checkout:PublicBaseUrl)."));
        if (!Uri.TryCreate(given, UriKind.Absolute, out var url) || !IsDeliverable(url))
        {
            throw new KlarnaSetupException($"Refused: {given} is not an https URL on port 443 or 8443, the only ones Klarna delivers webhooks to.");
        }
        return url;
    }

    private static async Task<int> SetupAsync(
        NotificationClient client, Uri url, UserSecretsFile secrets, bool printSecret, TextWriter output, CancellationToken cancellationToken)
    {
        var existing = (await client.ListWebhooksAsync(cancellationToken))
            .FirstOrDefault(webhook => SameUrl(webhook.Url, url) && webhook.EventTypes.Contains(CompletedEvent));
        if (existing is not null)
        {
            await output.WriteLineAsync(
                $"A webhook for {CompletedEvent} at {url} is already registered ({existing.Id}, signing key {existing.SigningKeyId}); nothing added.");
            return 0;
        }

        var key = await client.CreateSigningKeyAsync(cancellationToken);
        await output.WriteLineAsync($"Created signing key {key.Id}");
        var webhook = await client.CreateWebhookAsync(url, [CompletedEvent], key.Id, cancellationToken);
        await output.WriteLineAsync($"Registered webhook {webhook.Id} for {CompletedEvent} (event_version v2) at {url}");
        // Klarna shows the secret only now. Stored straight away, it never passes through a command line or a shell history.
        var setting = $"{SigningKeyConfiguration.Section}:{key.Id}";
        secrets.Set(setting, key.Secret);
        await output.WriteLineAsync($"Stored the signing key as {setting} in the app's user-secrets ({secrets.Path}), which it reads in Development.");
        if (printSecret)
        {
            await output.WriteLineAsync($"  {setting} = {key.Secret}");
        }
        else
        {
            await output.WriteLineAsync(
                "For another environment, copy it into that deployment's secret store from there (dotnet user-secrets --project src/Checkout.Web list), "
                + "or create the key with klarna setup --print-secret; environment variables write each ':' as '__'.");
        }
        return 0;
    }

    private static async Task<int> ListAsync(NotificationClient client, TextWriter output, CancellationToken cancellationToken)
    {
        var webhooks = await client.ListWebhooksAsync(cancellationToken);
        if (webhooks.Count == 0)
        {
            await output.WriteLineAsync("No webhooks are registered.");
        }
        foreach (var webhook in webhooks)
        {
            await output.WriteLineAsync(
                $"{webhook.Id}  {webhook.Url}  {string.Join(',', webhook.EventTypes)}  {webhook.Status}  signing key {webhook.SigningKeyId}");
        }
        return 0;
    }

    private static async Task<int> DeleteAsync(NotificationClient client, string id, TextWriter output, CancellationToken cancellationToken)
    {
        await client.DeleteWebhookAsync(id, cancellationToken);
        await output.WriteLineAsync($"Deleted webhook {id}.");
        return 0;
    }

    public static bool SameUrl(string registered, Uri url) =>
        Uri.TryCreate(registered, UriKind.Absolute, out var other) && Uri.Compare(other, url, UriComponents.AbsoluteUri, UriFormat.SafeUnescaped, StringComparison.OrdinalIgnoreCase) == 0;

    private static (string? Verb, List<string> Positional, Dictionary<string, string> Options) Parse(string[] args)
    {
        var positional = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (string.Equals(args[i], "--" + PrintSecret, StringComparison.OrdinalIgnoreCase))
            {
                options[PrintSecret] = "true";
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                var name = args[i][2..];
                var equals = name.IndexOf('=', StringComparison.Ordinal);
                if (!string.Equals(equals >= 0 ? name[..equals] : name, "webhook-url", StringComparison.OrdinalIgnoreCase))
                {
                    // An option not taken would otherwise be ignored, and the verb run against the configured account.
                    throw new KlarnaSetupException($"Unknown option --{(equals >= 0 ? name[..equals] : name)}. {Usage}");
                }
                if (equals >= 0)
                {
                    options[name[..equals]] = name[(equals + 1)..];
                }
                else if (i + 1 < args.Length)
                {
                    options[name] = args[++i];
                }
                else
                {
                    throw new KlarnaSetupException($"--{name} needs a value. {Usage}");
                }
            }
            else
            {
                positional.Add(args[i]);
            }
        }
        return positional.Count == 0 ? (null, positional, options) : (positional[0], positional[1..], options);
    }
}
