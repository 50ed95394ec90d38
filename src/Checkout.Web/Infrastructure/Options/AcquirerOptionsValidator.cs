namespace Checkout.Web.Infrastructure.Options;

using Checkout.Acquiring;
using Microsoft.Extensions.Options;

/// <summary>Fails start-up with the name of every missing <c>Acquirer:</c> key.</summary>
public sealed class AcquirerOptionsValidator(IConfiguration configuration) : IValidateOptions<AcquirerOptions>
{
    public ValidateOptionsResult Validate(string? name, AcquirerOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            failures.Add("Acquirer:ApiKey is missing: the API key your acquiring partner issued.");
        }
        switch (options.Kind)
        {
            case AcquirerKind.Sandbox when !configuration.GetValue<bool>("Sandbox:Enabled"):
                failures.Add("Acquirer:Kind is Sandbox but Sandbox:Enabled is false: set Acquirer:Kind=Generic and Acquirer:BaseUrl.");
                break;
            case AcquirerKind.Generic when !KlarnaOptionsValidator.IsAbsoluteHttpUrl(options.BaseUrl):
                failures.Add("Acquirer:BaseUrl is missing or not an absolute URL; it is required when Acquirer:Kind is Generic.");
                break;
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
