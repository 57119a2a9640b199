using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Tests.Testing;

/// <summary>Which Bot Connector route a request hit.</summary>
public enum FakeConnectorOperation
{
    /// <summary>POST v3/conversations/{id}/activities</summary>
    SendToConversation,

    /// <summary>POST v3/conversations/{id}/activities/{replyToId}</summary>
    ReplyToActivity,

    /// <summary>PUT v3/conversations/{id}/activities/{activityId}</summary>
    UpdateActivity,

    /// <summary>Anything else; answered 404.</summary>
    Unknown,
}

/// <summary>
/// One request as the fake connector received it. <see cref="RawTarget"/> is the request target
/// exactly as sent (escaping intact); the ids are unescaped from it.
/// </summary>
public sealed record FakeConnectorRequest(
    string Method,
    string RawTarget,
    FakeConnectorOperation Operation,
    string? ConversationId,
    string? ActivityId,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    Activity? Activity,
    int ResponseStatus,
    string? ResponseBody = null)
{
    /// <summary>The id the connector answered with (ResourceResponse), if any.</summary>
    public string? ResponseId => ResponseBody is { Length: > 0 } body && body.TrimStart().StartsWith('{')
        ? System.Text.Json.JsonDocument.Parse(body).RootElement.TryGetProperty("id", out var id) ? id.GetString() : null
        : null;

    /// <summary>When the request arrived (Stopwatch timestamp), for pacing checks.</summary>
    public long ReceivedAt { get; init; } = System.Diagnostics.Stopwatch.GetTimestamp();

    public string? Authorization => Headers.TryGetValue("Authorization", out var value) ? value : null;
}

/// <summary>How a scripted answer misbehaves beyond its status.</summary>
public enum FakeConnectorFault
{
    /// <summary>Answers with the status (and Retry-After, body).</summary>
    None,

    /// <summary>Closes the connection without an answer (recorded with status 0).</summary>
    CloseConnection,

    /// <summary>Never answers: holds the request until the caller gives up (recorded with status 0).</summary>
    Hang,
}

/// <summary>A scripted answer: status, optional Retry-After and body, or a fault instead of an answer.</summary>
public sealed record FakeConnectorResponse(int Status, TimeSpan? RetryAfter = null, string? Body = null, FakeConnectorFault Fault = FakeConnectorFault.None)
{
    public static FakeConnectorResponse Failure(int status, TimeSpan? retryAfter = null) =>
        new(status, retryAfter, $$$"""{"error":{"code":"Scripted","message":"scripted {{{status}}}"}}""");

    public static readonly FakeConnectorResponse ClosedConnection = new(0, Fault: FakeConnectorFault.CloseConnection);

    public static readonly FakeConnectorResponse Hang = new(0, Fault: FakeConnectorFault.Hang);
}
