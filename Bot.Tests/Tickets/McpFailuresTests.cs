using System.Net;
using ModelContextProtocol;
using TeamsItBot.Tickets;

namespace TeamsItBot.Tests.Tickets;

public sealed class McpFailuresTests
{
    [Fact]
    public void A_404_is_an_expired_session() =>
        Assert.True(McpFailures.IsSessionExpired(new HttpRequestException("gone", null, HttpStatusCode.NotFound)));

    [Fact]
    public void The_reference_servers_unknown_session_error_is_an_expired_session() =>
        Assert.True(McpFailures.IsSessionExpired(new InvalidOperationException("call failed",
            new McpProtocolException("Request failed (remote): Bad Request: No valid session ID provided", (McpErrorCode)(-32000)))));

    [Fact]
    public void Other_bad_requests_and_protocol_errors_are_not_an_expired_session()
    {
        Assert.False(McpFailures.IsSessionExpired(new HttpRequestException("bad JSON", null, HttpStatusCode.BadRequest)));
        Assert.False(McpFailures.IsSessionExpired(new McpProtocolException("Request failed (remote): Invalid params", McpErrorCode.InvalidParams)));
        Assert.False(McpFailures.IsSessionExpired(new McpProtocolException("No valid session ID provided", McpErrorCode.InvalidParams)));
    }
}
