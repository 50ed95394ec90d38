namespace Checkout.Web.Sessions;

using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Checkout.Domain.Plans;
using Checkout.Domain.Sessions;

/// <summary>
/// Reads the store's session request field by field (snake_case), so that every bad field is named in one 400.
/// Unknown fields are refused too: a misspelt <c>successUrl</c> should not pass silently.
/// </summary>
public static partial class CheckoutSessionInput
{
    public const int MaxReferenceLength = 200;
    public const int MaxNameLength = 100;
    public const int MaxEmailLength = 254;
    public const int MaxMetadataKeys = 20;
    public const int MaxMetadataKeyLength = 40;
    public const int MaxMetadataValueLength = 500;

    private static readonly HashSet<string> Known =
        ["plan_id", "client_reference_id", "customer", "locale", "success_url", "cancel_url", "metadata", "expires_in"];

    private static readonly HashSet<string> KnownCustomer = ["email", "given_name", "family_name", "country"];

    public static (CheckoutSessionRequest? Request, Dictionary<string, string[]> Errors) Parse(
        JsonElement root, PlanCatalog catalog, ReturnUrlPolicy returnUrls)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = ["Send a JSON object with plan_id, client_reference_id, success_url and cancel_url."];
            return (null, errors);
        }
        foreach (var property in root.EnumerateObject().Where(p => !Known.Contains(p.Name)))
        {
            errors[property.Name] = [$"{property.Name} is not a field of a checkout session."];
        }

        var planId = Text(root, "plan_id");
        if (catalog.Find(planId) is null)
        {
            errors["plan_id"] = ["plan_id is required: the id of one of the checkout's plans."];
        }
        var reference = Text(root, "client_reference_id");
        if (string.IsNullOrWhiteSpace(reference) || reference.Length > MaxReferenceLength || reference.Any(char.IsControl))
        {
            errors["client_reference_id"] = [$"client_reference_id is required: your id for the customer or account, 1 to {MaxReferenceLength} characters."];
        }
        var customer = ReadCustomer(root, errors);
        var locale = Text(root, "locale");
        if (root.TryGetProperty("locale", out _) && (locale is null || !LocalePattern().IsMatch(locale)))
        {
            errors["locale"] = ["locale must be a language and region code such as en-US or sv-SE."];
        }
        else if (catalog.Find(planId) is { } plan && !Localization.KlarnaMarkets.Accepts(plan.DueNow.Currency.Code, locale))
        {
            // Known now, so refused now rather than on the shopper's page (docs/localization.md).
            errors["locale"] = [$"locale {locale} names a Klarna market that does not take {plan.DueNow.Currency.Code}, the currency of plan {plan.Id}."];
        }
        if (returnUrls.Check("success_url", Text(root, "success_url"), out var successUrl) is { } successProblem)
        {
            errors["success_url"] = [successProblem];
        }
        if (returnUrls.Check("cancel_url", Text(root, "cancel_url"), out var cancelUrl) is { } cancelProblem)
        {
            errors["cancel_url"] = [cancelProblem];
        }
        var metadata = ReadMetadata(root, errors);
        var expiresIn = ReadExpiresIn(root, errors);

        return errors.Count > 0
            ? (null, errors)
            : (new CheckoutSessionRequest(planId!, reference!, customer, locale, successUrl, cancelUrl, metadata, expiresIn), errors);
    }

    /// <summary>What the same idempotency key must ask for again: the request as read, without its spelling.</summary>
    public static string Digest(CheckoutSessionRequest request) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        JsonSerializer.Serialize(new object?[]
        {
            request.PlanId, request.ClientReferenceId, request.Customer?.Email, request.Customer?.GivenName, request.Customer?.FamilyName,
            request.Customer?.Country, request.Locale, request.SuccessUrl.AbsoluteUri, request.CancelUrl.AbsoluteUri, request.MetadataJson,
            (long)request.ExpiresIn.TotalSeconds,
        }))));

    private static SessionCustomer? ReadCustomer(JsonElement root, Dictionary<string, string[]> errors)
    {
        if (!root.TryGetProperty("customer", out var customer) || customer.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (customer.ValueKind != JsonValueKind.Object)
        {
            errors["customer"] = ["customer must be an object with email, given_name, family_name and country, each optional."];
            return null;
        }
        foreach (var property in customer.EnumerateObject().Where(p => !KnownCustomer.Contains(p.Name)))
        {
            errors[$"customer.{property.Name}"] = [$"customer.{property.Name} is not a field of a customer."];
        }
        var email = Optional(customer, "customer.email", "email", MaxEmailLength, errors);
        if (email is not null && (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
        {
            errors["customer.email"] = ["customer.email must be an e-mail address such as shopper@example.com."];
        }
        var givenName = Optional(customer, "customer.given_name", "given_name", MaxNameLength, errors);
        var familyName = Optional(customer, "customer.family_name", "family_name", MaxNameLength, errors);
        var country = Optional(customer, "customer.country", "country", 2, errors);
        if (country is not null && !CountryPattern().IsMatch(country))
        {
            errors["customer.country"] = ["customer.country must be an ISO 3166-1 alpha-2 code in capitals, such as US or SE."];
        }
        return new SessionCustomer(email, givenName, familyName, country);
    }

    private static string? Optional(JsonElement parent, string field, string name, int maxLength, Dictionary<string, string[]> errors)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > maxLength || text.Any(char.IsControl))
        {
            errors[field] = [$"{field} must be text of 1 to {maxLength} characters, or left out."];
            return null;
        }
        return text;
    }

    private static string ReadMetadata(JsonElement root, Dictionary<string, string[]> errors)
    {
        if (!root.TryGetProperty("metadata", out var metadata) || metadata.ValueKind == JsonValueKind.Null)
        {
            return "{}";
        }
        var problem = $"metadata must be an object of at most {MaxMetadataKeys} keys of 1 to {MaxMetadataKeyLength} characters, each with a text value of at most {MaxMetadataValueLength} characters.";
        if (metadata.ValueKind != JsonValueKind.Object)
        {
            errors["metadata"] = [problem];
            return "{}";
        }
        var pairs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in metadata.EnumerateObject())
        {
            if (pair.Name.Length is 0 or > MaxMetadataKeyLength || pair.Value.ValueKind != JsonValueKind.String
                || pair.Value.GetString()!.Length > MaxMetadataValueLength || !pairs.TryAdd(pair.Name, pair.Value.GetString()!))
            {
                errors[$"metadata.{pair.Name}"] = [problem];
            }
        }
        if (pairs.Count > MaxMetadataKeys)
        {
            errors["metadata"] = [problem];
        }
        return JsonSerializer.Serialize(pairs);
    }

    private static TimeSpan ReadExpiresIn(JsonElement root, Dictionary<string, string[]> errors)
    {
        if (!root.TryGetProperty("expires_in", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return CheckoutSessionRequest.DefaultExpiresIn;
        }
        var min = (long)CheckoutSessionRequest.MinExpiresIn.TotalSeconds;
        var max = (long)CheckoutSessionRequest.MaxExpiresIn.TotalSeconds;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var seconds) || seconds < min || seconds > max)
        {
            errors["expires_in"] = [$"expires_in must be a whole number of seconds from {min} (30 minutes) to {max} (24 hours)."];
            return CheckoutSessionRequest.DefaultExpiresIn;
        }
        return TimeSpan.FromSeconds(seconds);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex("^[a-z]{2,3}(-[A-Z]{2})?$")]
    private static partial Regex LocalePattern();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryPattern();
}
