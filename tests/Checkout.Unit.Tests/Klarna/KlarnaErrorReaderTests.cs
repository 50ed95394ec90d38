namespace Checkout.Unit.Tests.Klarna;

using System.Net;
using System.Text;
using Checkout.Klarna.PaymentRequests;

public sealed class KlarnaErrorReaderTests
{
    private static KlarnaError? Read(string body) => KlarnaErrorReader.Read(Encoding.UTF8.GetBytes(body));

    [Fact]
    public void Documented_error_body_is_read_with_each_rejected_parameter()
    {
        // The shape of Klarna's "Error handling" page.
        var error = Read("""
            {"error_id":"abcd1234-12ab-1234-abcd-abcd12345678","error_type":"INPUT_ERROR","error_code":"VALIDATION_ERROR",
             "error_message":"One or more input parameters failed validation",
             "validation_errors":[{"parameter":"supplementary_purchase_data.ondemand_service.purchase_interval","reason":"must be one of DAY, WEEK, MONTH, YEAR","doc_url":"https://docs.klarna.com/x"}],
             "doc_url":"https://docs.klarna.com/y"}
            """)!;

        Assert.Equal("abcd1234-12ab-1234-abcd-abcd12345678", error.ErrorId);
        Assert.Equal("VALIDATION_ERROR", error.ErrorCode);
        var rejected = Assert.Single(error.ValidationErrors!);
        Assert.Equal("supplementary_purchase_data.ondemand_service.purchase_interval", rejected.Parameter);
        Assert.Equal("must be one of DAY, WEEK, MONTH, YEAR", rejected.Reason);
    }

    [Fact]
    public void Older_error_body_with_a_correlation_id_and_messages_is_read()
    {
        var error = Read("""{"error_code":"BAD_VALUE","error_messages":["Bad value: currency"],"correlation_id":"6a9b1cb1-73a3-4936-a030-481ba4bb203b"}""")!;

        Assert.Equal("6a9b1cb1-73a3-4936-a030-481ba4bb203b", error.CorrelationId);
        Assert.Equal(["Bad value: currency"], error.ErrorMessages!);
    }

    [Fact]
    public void A_field_of_an_unexpected_type_loses_only_that_field()
    {
        var error = Read("""{"error_id":"e-1","error_code":42,"validation_errors":"none","errors":[{"parameter":"amount","error_message":"too big"},"odd"]}""")!;

        Assert.Equal("e-1", error.ErrorId);
        Assert.Null(error.ErrorCode);
        Assert.Null(error.ValidationErrors);
        Assert.Equal("amount", Assert.Single(error.Errors!).Parameter);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html><body>403 Forbidden</body></html>")]
    [InlineData("[1,2]")]
    public void A_body_that_is_not_an_error_object_gives_no_error(string body) => Assert.Null(Read(body));

    [Fact]
    public void Operator_summary_names_the_status_code_ids_and_rejected_parameters()
    {
        var error = Read("""
            {"error_id":"e-9","error_code":"VALIDATION_ERROR","error_message":"failed validation",
             "validation_errors":[{"parameter":"currency","reason":"unsupported"}]}
            """);
        var exception = new KlarnaApiException(HttpStatusCode.BadRequest, error, correlationIdHeader: "corr-7");

        Assert.Equal(
            "Klarna answered 400, VALIDATION_ERROR, error_id e-9, correlation_id corr-7: failed validation (currency: unsupported)",
            exception.OperatorSummary);
        Assert.Equal("corr-7", exception.CorrelationId);
    }
}
