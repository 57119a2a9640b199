using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Framework.Connector;

/// <summary>
/// An activity as a request body: the bytes and headers <c>JsonContent.Create(activity, options: BotJson.Options)</c>
/// sends (application/json; charset=utf-8, no Content-Length, so the framing is the same too), but
/// serialized in one synchronous pass. JsonContent goes through the serializer's resumable async
/// path, which costs a good deal more for a card-sized activity than writing it to a buffer.
/// </summary>
internal sealed class ActivityJsonContent : HttpContent
{
    private readonly Activity _activity;

    // Kept for a retry of the same request, which sends the same bytes.
    private byte[]? _utf8;

    public ActivityJsonContent(Activity activity)
    {
        _activity = activity;
        Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(Utf8(), cancellationToken).AsTask();

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.Write(Utf8());

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    private byte[] Utf8() => _utf8 ??= JsonSerializer.SerializeToUtf8Bytes(_activity, BotJson.Options);
}
