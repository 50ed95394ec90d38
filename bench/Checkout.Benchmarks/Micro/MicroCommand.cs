namespace Checkout.Benchmarks.Micro;

using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

/// <summary>BenchmarkDotNet, in process (no generated project to build under the repo's analyzers), short runs.</summary>
public static class MicroCommand
{
    public static void Run(BenchOptions options)
    {
        var config = ManualConfig.CreateMinimumViable()
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "checkout-bench-artifacts"));
        if (options.Filter is { } filter)
        {
            config = config.AddFilter(new BenchmarkDotNet.Filters.GlobFilter([filter]));
        }
        BenchmarkRunner.Run([typeof(WebhookSignatureBenchmarks), typeof(PaymentRequestSerializationBenchmarks), typeof(WebhookStoreBenchmarks)], config);
    }
}
