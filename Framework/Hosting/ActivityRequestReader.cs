using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Framework.Hosting;

/// <summary>
/// Reads an inbound request as an activity: content type, bounded body, strict UTF-8 JSON of
/// limited depth, and the fields without which no turn can run. Errors are sentences for the 400.
/// </summary>
public static class ActivityRequestReader
{
    /// <summary>Longest accepted serviceUrl; Teams' are well under 100 characters.</summary>
    public const int MaxServiceUrlLength = 2048;

    public static (Activity? Activity, string? Error) Parse(byte[] body)
    {
        // The reader only checks UTF-8 in strings it decodes; unknown fields are kept undecoded,
        // so bad bytes there would pass and break whoever reads them later.
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return (null, "The body is not valid UTF-8 JSON.");
        }

        Activity? activity;
        try
        {
            if (!StartsWithObject(body))
            {
                // Rare: parsed whole only to tell bad JSON (thrown) from JSON that is not an object.
                using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = BotJson.MaxDepth });
                return (null, "The body must be a JSON object.");
            }

            // Straight from the bytes, with the same depth limit: the reader validates all of the
            // body, unknown fields included (they are kept), so no JsonDocument is built first.
            activity = JsonSerializer.Deserialize<Activity>(body, BotJson.Options);
        }
        catch (JsonException ex) when (ex.Message.Contains("depth", StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"The JSON nests deeper than {BotJson.MaxDepth} levels.");
        }
        catch (JsonException)
        {
            return (null, "The body is not valid JSON, or not an activity.");
        }
        catch (ArgumentException)
        {
            return (null, "The body is not valid UTF-8 JSON.");
        }

        if (JsonUnicode.HasLoneSurrogate(body))
        {
            return (null, "The body contains an unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF), which is not Unicode text.");
        }

        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(activity?.Type)) missing.Add("type");
        if (string.IsNullOrWhiteSpace(activity?.Conversation?.Id)) missing.Add("conversation.id");
        if (string.IsNullOrWhiteSpace(activity?.ServiceUrl)) missing.Add("serviceUrl");
        if (missing.Count > 0)
        {
            return (null, $"The activity lacks {string.Join(", ", missing)}.");
        }

        if (ServiceUrlProblem(activity!.ServiceUrl!) is { } problem)
        {
            return (null, problem);
        }

        // State is keyed by channel and conversation: a turn without a channel could not load it.
        if (string.IsNullOrWhiteSpace(activity.ChannelId))
        {
            return (null, "The activity lacks channelId.");
        }

        return (activity, null);
    }

    /// <summary>
    /// Why a serviceUrl cannot be a connector's base URL, or null. Teams sends short https URLs
    /// (https://smba.trafficmanager.net/emea/); anything else would become the prefix of every
    /// reply, so it is refused here rather than failing the turn when the reply is sent.
    /// </summary>
    public static string? ServiceUrlProblem(string serviceUrl)
    {
        if (serviceUrl.Length > MaxServiceUrlLength)
        {
            return $"The activity's serviceUrl is longer than {MaxServiceUrlLength} characters.";
        }

        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || string.IsNullOrEmpty(uri.Host)
            || serviceUrl.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '\\'))
        {
            return "The activity's serviceUrl is not an absolute http(s) URL.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo) || serviceUrl.Contains('@', StringComparison.Ordinal))
        {
            return "The activity's serviceUrl must not contain user info.";
        }

        if (serviceUrl.Contains('?', StringComparison.Ordinal))
        {
            return "The activity's serviceUrl must not contain a query.";
        }

        return serviceUrl.Contains('#', StringComparison.Ordinal) ? "The activity's serviceUrl must not contain a fragment." : null;
    }

    /// <summary>Whether the first JSON token is '{'; a body that does not even start as JSON is false.</summary>
    private static bool StartsWithObject(byte[] body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = BotJson.MaxDepth });
        try
        {
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is longer.</summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is > 0 and var length && length <= limit ? (int)length : 4096);
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                return null;
            }
        }
    }

    public static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType) || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return false;
        }

        var type = media.MediaType.Value ?? string.Empty;
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }
}
