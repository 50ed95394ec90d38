namespace Checkout.Contract.Tests.Worldline;

using Checkout.Acquiring.WorldlineConnect;

public sealed class GcsV1HmacSignerTests
{
    private const string Date = "Fri, 06 Jun 2014 13:39:43 GMT";

    [Fact]
    public void String_to_sign_has_method_content_type_date_sorted_gcs_headers_and_path_each_on_its_own_line()
    {
        var headers = new Dictionary<string, string>
        {
            ["X-GCS-Idempotence-Key"] = "order-7d1e5c0a-first-charge",
            ["Accept"] = "application/json",
            ["X-GCS-ClientMetaInfo"] = "  processed\r\n    header value ",
        };

        var text = GcsV1HmacSigner.StringToSign("post", "application/json", Date, headers, "/v1/9991/payments");

        Assert.Equal(
            "POST\napplication/json\nFri, 06 Jun 2014 13:39:43 GMT\n"
            + "x-gcs-clientmetainfo:processed header value\n"
            + "x-gcs-idempotence-key:order-7d1e5c0a-first-charge\n"
            + "/v1/9991/payments\n",
            text);
    }

    [Fact]
    public void A_request_without_content_type_or_gcs_headers_signs_an_empty_line_and_keeps_the_query()
    {
        var text = GcsV1HmacSigner.StringToSign("GET", null, Date, [], "/v1/9991/payments/123?hostedCheckoutId=abc");

        Assert.Equal("GET\n\nFri, 06 Jun 2014 13:39:43 GMT\n/v1/9991/payments/123?hostedCheckoutId=abc\n", text);
    }

    [Fact]
    public void Authorization_matches_a_vector_computed_with_openssl()
    {
        // Computed outside .NET, in a shell:
        //   printf 'POST\napplication/json\nFri, 06 Jun 2014 13:39:43 GMT\nx-gcs-clientmetainfo:processed header value\nx-gcs-idempotence-key:order-7d1e5c0a-first-charge\n/v1/9991/payments\n' \
        //     | openssl dgst -sha256 -hmac 'I42Zf4pVnRdroHfuHnRiJjJ2B6+22h0yQt/R3nZR8Xg=' -binary | base64
        // (OpenSSL 3.0.19) printed 619FQEB81cXzhnRtr58w85wIvwZkffZw+fU5vaPJQUI=
        var signer = new GcsV1HmacSigner("5e45c937b9db33ae", "I42Zf4pVnRdroHfuHnRiJjJ2B6+22h0yQt/R3nZR8Xg=");
        var headers = new Dictionary<string, string>
        {
            ["X-GCS-Idempotence-Key"] = "order-7d1e5c0a-first-charge",
            ["X-GCS-ClientMetaInfo"] = "processed header value",
        };

        var authorization = signer.AuthorizationFor("POST", "application/json", Date, headers, "/v1/9991/payments");

        Assert.Equal("GCS v1HMAC:5e45c937b9db33ae:619FQEB81cXzhnRtr58w85wIvwZkffZw+fU5vaPJQUI=", authorization);
    }

    [Fact]
    public void Signature_matches_the_vector_published_in_Worldlines_own_sdk_tests()
    {
        // Worldline's Connect SDKs (Java, Go, Python, Ruby) all assert this signature for key "secretApiKey";
        // openssl agrees: printf '<the string below>' | openssl dgst -sha256 -hmac secretApiKey -binary | base64
        var signer = new GcsV1HmacSigner("apiKeyId", "secretApiKey");

        var signature = signer.Signature(
            "DELETE\napplication/json\nFri, 06 Jun 2014 13:39:43 GMT\n"
            + "x-gcs-clientmetainfo:processed header value\n"
            + "x-gcs-customerheader:processed header value\n"
            + "x-gcs-servermetainfo:processed header value\n"
            + "/v1/9991/tokens/123456789\n");

        Assert.Equal("VfnXpPBQQoHZivTcAg0JvOWkhnzlPnaCPKpTQn/uMJM=", signature);
    }
}
