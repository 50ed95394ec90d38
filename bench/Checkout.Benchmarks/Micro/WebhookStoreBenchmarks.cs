namespace Checkout.Benchmarks.Micro;

using System.Text;
using BenchmarkDotNet.Attributes;
using Checkout.Klarna.Webhooks;
using Microsoft.AspNetCore.DataProtection;

/// <summary>
/// The CPU the webhook endpoint spends before its INSERT, step by step: the envelope parse and the Data
/// Protection encryption of the body (<c>SecretProtector</c> does exactly this), beside the signature check.
/// </summary>
public class WebhookStoreBenchmarks
{
    private IDataProtector _protector = null!;
    private byte[] _body = null!;
    private string _protected = "";
    private string _directory = "";

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"checkout-bench-keys-{Guid.NewGuid():N}");
        _protector = DataProtectionProvider.Create(new DirectoryInfo(_directory)).CreateProtector("Checkout.Secrets.v1");
        _body = Samples.WebhookBody(Guid.NewGuid().ToString());
        _protected = Protect();
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Description = "WebhookEnvelope.TryParse")]
    public WebhookEnvelope? Parse() => WebhookEnvelope.TryParse(_body);

    [Benchmark(Description = "Data Protection: Protect(body)")]
    public string Protect() => _protector.Protect(Encoding.UTF8.GetString(_body));

    [Benchmark(Description = "Data Protection: Unprotect(body)")]
    public string Unprotect() => _protector.Unprotect(_protected);
}
