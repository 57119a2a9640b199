using System.Net;
using System.Net.Sockets;
using ModelContextProtocol;

namespace TeamsItBot.Tickets;

/// <summary>Maps what the MCP client throws to a <see cref="TicketFailure"/>.</summary>
internal static class McpFailures
{
    /// <summary>
    /// The server forgot our Mcp-Session-Id (restart, idle expiry). The spec's answer is a 404; the
    /// TypeScript SDK's reference server (and servers built from its example) answers 400 with the
    /// JSON-RPC error -32000 "Bad Request: No valid session ID provided" instead. The request was
    /// refused before any tool ran, so re-initializing and repeating it cannot duplicate a ticket.
    /// </summary>
    public static bool IsSessionExpired(Exception exception) =>
        Chain(exception).Any(e => e switch
        {
            HttpRequestException { StatusCode: HttpStatusCode.NotFound } => true,
            HttpRequestException { StatusCode: HttpStatusCode.BadRequest } http => NamesSessionId(http.Message),
            McpProtocolException protocol => (int)protocol.ErrorCode == UnknownSessionErrorCode && NamesSessionId(protocol.Message),
            _ => false,
        });

    private const int UnknownSessionErrorCode = -32000;

    private static bool NamesSessionId(string message) => message.Contains("session ID", StringComparison.OrdinalIgnoreCase);

    public static TicketFailure Classify(Exception exception, bool deadlineReached)
    {
        var chain = Chain(exception).ToList();
        if (deadlineReached || chain.Any(e => e is TimeoutException)) return TicketFailure.Timeout;
        if (chain.OfType<HttpRequestException>().FirstOrDefault() is { } http)
        {
            return http.StatusCode switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => TicketFailure.AuthenticationFailed,
                null => TicketFailure.BackendUnavailable,
                HttpStatusCode.RequestTimeout => TicketFailure.Timeout,
                HttpStatusCode.TooManyRequests => TicketFailure.BackendUnavailable,
                >= HttpStatusCode.InternalServerError => TicketFailure.BackendUnavailable,
                _ => TicketFailure.ProtocolError,
            };
        }

        if (chain.Any(e => e is SocketException or IOException)) return TicketFailure.BackendUnavailable;
        return TicketFailure.ProtocolError;
    }

    /// <summary>One line for the admin log: the chain of messages (no headers, so no secrets).</summary>
    public static string Describe(Exception exception)
    {
        var parts = Chain(exception)
            .Select(e => e is HttpRequestException { StatusCode: { } status }
                ? $"HTTP {(int)status}: {e.Message}"
                : $"{e.GetType().Name}: {e.Message}")
            .Distinct(StringComparer.Ordinal);
        var text = string.Join(" <- ", parts);
        return text.Length > 600 ? text[..600] + "..." : text;
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain)) yield return inner;
                yield break;
            }
        }
    }

}
