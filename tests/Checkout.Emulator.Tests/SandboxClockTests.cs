using System.Globalization;
using System.Net;
using System.Text;

namespace Checkout.Emulator.Tests;

public sealed class SandboxClockTests
{
    [Fact]
    public async Task Advancing_moves_the_emulators_clock_forward_and_the_steps_add_up()
    {
        await using var host = await SandboxHost.StartAsync();
        var before = DateTimeOffset.UtcNow;

        var (status, first) = await host.SendAsync(Advance("{\"by\":\"30.00:00:00\"}"));
        var (_, second) = await host.SendAsync(Advance("{\"by\":\"1.00:00:00\"}"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("30.00:00:00", first.Text("offset"));
        Assert.Equal("31.00:00:00", second.Text("offset"));
        var now = DateTimeOffset.Parse(second.Text("now")!, CultureInfo.InvariantCulture);
        Assert.InRange(now, before.AddDays(31), DateTimeOffset.UtcNow.AddDays(31));
    }

    [Theory]
    [InlineData("{\"by\":\"-1.00:00:00\"}")]
    [InlineData("{\"by\":\"00:00:00\"}")]
    [InlineData("{\"by\":\"400.00:00:00\"}")]
    [InlineData("{\"by\":\"a month\"}")]
    [InlineData("{\"by\":30}")]
    [InlineData("{}")]
    [InlineData("not json")]
    public async Task A_step_that_is_not_forward_or_not_a_time_span_is_refused(string body)
    {
        await using var host = await SandboxHost.StartAsync();

        var (status, _) = await host.SendAsync(Advance(body));

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task Other_environments_have_no_clock_to_move()
    {
        await using var host = await SandboxHost.StartAsync(environment: "Staging");

        using var response = await host.Client.SendAsync(Advance("{\"by\":\"30.00:00:00\"}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static HttpRequestMessage Advance(string body) =>
        new(HttpMethod.Post, "/sandbox/clock/advance") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
