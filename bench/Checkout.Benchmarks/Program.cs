using Checkout.Benchmarks;
using Checkout.Benchmarks.Load;
using Checkout.Benchmarks.Micro;
using Checkout.Benchmarks.Page;
using Checkout.Benchmarks.Profile;

// dotnet run -c Release --project bench/Checkout.Benchmarks -- micro | load | page | all | profile FILE   [options: BenchOptions]
var command = args.FirstOrDefault() ?? "all";
var options = BenchOptions.Parse(args.Skip(1).ToArray());
switch (command)
{
    case "micro":
        MicroCommand.Run(options);
        return 0;
    case "load":
        await LoadCommand.RunAsync(options);
        return 0;
    case "page":
        await PageCommand.RunAsync(options);
        return 0;
    case "all":
        MicroCommand.Run(options);
        await LoadCommand.RunAsync(options);
        await PageCommand.RunAsync(options);
        return 0;
    case "profile":
        // profile FILE.nettrace [TOP] [UNDER|-] [AFTER]: where the app's CPU went in a trace taken with --app-env (docs/performance.md),
        // only in samples with a frame containing UNDER when given (e.g. "OrderStore+<OpenAsync>"), and only after the last
        // sample under AFTER when given, and MS more with AFTER+MS (e.g. "RazorView+2500": after the checkout pages were opened
        // and the level's warm-up).
        ProfileCommand.Run(
            args[1],
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 40,
            args.Length > 3 && args[3] != "-" ? args[3] : null,
            args.Length > 4 ? args[4] : null);
        return 0;
    case BareServer.Command:
        // Internal: the bare Kestrel ceiling, started by `load` as its own process.
        await BareServer.RunAsync(options);
        return 0;
    default:
        await Console.Error.WriteLineAsync($"Unknown command '{command}'. Use micro, load, page or all.");
        return 2;
}
