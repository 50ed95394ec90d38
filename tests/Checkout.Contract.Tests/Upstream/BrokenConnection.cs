namespace Checkout.Contract.Tests.Upstream;

using Microsoft.AspNetCore.Http;
using global::WireMock.ResponseBuilders;
using global::WireMock;

/// <summary>
/// Transport failures. WireMock.Net's own faults (EMPTY_RESPONSE, MALFORMED_RESPONSE_CHUNK) are complete HTTP
/// answers with an empty or garbled body; these break the connection itself, from a WireMock.Net callback
/// that reaches Kestrel's connection, after WireMock.Net has matched (and so will log) the request.
/// </summary>
public static class BrokenConnection
{
    internal static readonly HttpContextAccessor Accessor = new();

    /// <summary>Kestrel aborts the connection before any byte of an answer: the client reads "connection reset by peer".</summary>
    public static IResponseBuilder ResetByPeer() =>
        Response.Create().WithCallback(_ =>
        {
            Connection.Abort();
            return new ResponseMessage();
        });

    /// <summary>
    /// Sends the status line, the headers and the first half of <paramref name="body"/>, then nothing more until
    /// the client hangs up (or <paramref name="stall"/> has passed, when the connection is aborted).
    /// </summary>
    public static IResponseBuilder StalledMidBody(int status, string body, TimeSpan stall) =>
        Response.Create().WithCallback(async _ =>
        {
            var connection = Connection;
            connection.Response.StatusCode = status;
            connection.Response.ContentType = "application/json";
            connection.Response.ContentLength = System.Text.Encoding.UTF8.GetByteCount(body);
            await connection.Response.WriteAsync(body[..(body.Length / 2)]);
            await connection.Response.Body.FlushAsync();
            try
            {
                await Task.Delay(stall, connection.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up on the attempt, as it should.
            }
            connection.Abort();
            return (IResponseMessage)new ResponseMessage();
        });

    private static HttpContext Connection =>
        Accessor.HttpContext ?? throw new InvalidOperationException("WireMock.Net answered outside an HTTP request.");
}
