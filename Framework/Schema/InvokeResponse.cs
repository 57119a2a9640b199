namespace TeamsItBot.Framework.Schema;

/// <summary>The synchronous answer to an invoke: the HTTP status and JSON body of the POST.</summary>
public sealed record InvokeResponse(int Status, object? Body = null);

/// <summary>The body an <c>adaptiveCard/action</c> invoke answers with.</summary>
public sealed record AdaptiveCardInvokeResponse(int StatusCode, string Type, object? Value)
{
    public const string CardType = "application/vnd.microsoft.card.adaptive";
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";

    public static AdaptiveCardInvokeResponse Card(object card) => new(200, CardType, card);

    public static AdaptiveCardInvokeResponse Message(string text) => new(200, MessageType, text);

    public static AdaptiveCardInvokeResponse Error(int statusCode, string code, string message) =>
        new(statusCode, ErrorType, new { code, message });
}
