namespace Checkout.Contract.Tests.Upstream;

using global::WireMock.ResponseBuilders;

/// <summary>The answers the contract tests give, built with WireMock.Net's response builder.</summary>
public static class Reply
{
    public static IResponseBuilder Json(int status, string body, params (string Name, string Value)[] headers) =>
        Status(status, headers).WithHeader("Content-Type", "application/json").WithBody(body);

    public static IResponseBuilder Status(int status, params (string Name, string Value)[] headers)
    {
        var response = Response.Create().WithStatusCode(status);
        foreach (var (name, value) in headers)
        {
            response = response.WithHeader(name, value);
        }
        return response;
    }
}
