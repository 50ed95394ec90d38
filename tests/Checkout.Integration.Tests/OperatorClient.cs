namespace Checkout.Integration.Tests;

using System.Net;
using System.Text.RegularExpressions;

/// <summary>The operator's browser, as far as the tests need it: a cookie jar, the sign-in form and the antiforgery token of each form.</summary>
public sealed partial class OperatorClient(CheckoutAppFactory app) : IDisposable
{
    public const string Key = "operator-key-for-tests-0123456789";

    public HttpClient Http { get; } = app.CreateBrowserLikeClient();

    public async Task<HttpResponseMessage> SignInAsync(string key = Key)
    {
        var form = await Http.GetStringAsync("/admin/login");
        return await Http.PostAsync("/admin/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["key"] = key,
            ["__RequestVerificationToken"] = TokenIn(form),
        }));
    }

    public async Task<string> PageAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Opens <paramref name="page"/> and posts its form whose action ends with <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string page, string action, IDictionary<string, string>? fields = null)
    {
        var html = await PageAsync(page);
        var form = Forms().Matches(html).FirstOrDefault(m => WebUtility.HtmlDecode(m.Groups["action"].Value).EndsWith(action, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No form posting to {action} on {page}.");
        var values = new Dictionary<string, string>(fields ?? new Dictionary<string, string>())
        {
            ["__RequestVerificationToken"] = TokenIn(form.Value),
        };
        return await Http.PostAsync(WebUtility.HtmlDecode(form.Groups["action"].Value), new FormUrlEncodedContent(values));
    }

    public static string TokenIn(string html) => AntiforgeryToken().Match(html) is { Success: true } m
        ? m.Groups[1].Value
        : throw new InvalidOperationException("No antiforgery token in the page.");

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<form method=\"post\"[^>]* action=\"(?<action>[^\"]+)\"[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex Forms();
}
