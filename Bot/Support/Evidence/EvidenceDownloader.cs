using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TeamsItBot.Framework.Connector;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Tickets.Evidence;

namespace TeamsItBot.Support.Evidence;

/// <summary>
/// Fetches the files a message carries (Teams inline images and attachments by contentUrl with the
/// bot's token, file-consent uploads by their pre-authenticated downloadUrl), checks them (size, the
/// type the bytes show, no HTML error page in place of a file), and stores them under the evidence
/// directory with a safe name. Every refusal is a sentence for the user, never an exception.
/// </summary>
public sealed partial class EvidenceDownloader(
    IHttpClientFactory httpClientFactory,
    IBotTokenProvider tokenProvider,
    TrustedServiceUrls trustedServiceUrls,
    IOptions<EvidenceOptions> options,
    ILogger<EvidenceDownloader> logger)
{
    public const string HttpClientName = "evidence-download";
    public const string FileDownloadInfo = "application/vnd.microsoft.teams.file.download.info";
    private const int MaxRedirects = 3;

    /// <summary>The files <paramref name="activity"/> offers (not its HTML body or cards).</summary>
    public static IReadOnlyList<OfferedFile> Offered(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var offered = new List<OfferedFile>();
        foreach (var attachment in activity.Attachments ?? [])
        {
            var type = attachment.ContentType ?? string.Empty;
            if (type == FileDownloadInfo)
            {
                if (DownloadUrl(attachment.Content) is { } download) offered.Add(new OfferedFile(attachment.Name, download, null));
                continue;
            }

            if (type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) || type.StartsWith("application/vnd.microsoft.", StringComparison.OrdinalIgnoreCase)
                || string.IsNullOrWhiteSpace(attachment.ContentUrl))
            {
                continue;
            }

            offered.Add(new OfferedFile(attachment.Name, attachment.ContentUrl!, type));
        }

        return offered;
    }

    /// <summary>Downloads up to <paramref name="room"/> of <paramref name="offered"/>; names stay unique against <paramref name="takenNames"/>.</summary>
    public async Task<EvidenceIntake> TakeAsync(IReadOnlyList<OfferedFile> offered, string? serviceUrl, IReadOnlyCollection<string> takenNames, int room, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offered);
        var kept = new List<EvidenceFile>();
        var refused = new List<UnattachedFile>();
        var names = new List<string>(takenNames);
        foreach (var file in offered.Take(Math.Max(0, room)))
        {
            var shownName = ShownName(file);
            var (content, reason) = await FetchAsync(file, serviceUrl, cancellationToken);
            if (content is null)
            {
                LogRefused(logger, shownName, reason!);
                refused.Add(new UnattachedFile(shownName, reason!));
                continue;
            }

            var type = EvidenceContent.Sniff(content);
            if (type == EvidenceContent.Html)
            {
                refused.Add(new UnattachedFile(shownName, "the download returned a web page (an error or sign-in page) instead of the file"));
                continue;
            }

            if (type is null || !options.Value.AllowedTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
            {
                refused.Add(new UnattachedFile(shownName, "that type of file is not accepted (only images, text and log files, and PDFs)"));
                continue;
            }

            var name = EvidenceFileNames.Unique(EvidenceFileNames.Sanitize(file.Name, type), names);
            if (await StoreAsync(name, content, cancellationToken) is { } stored)
            {
                names.Add(name);
                kept.Add(new EvidenceFile(stored, name, type, content.LongLength));
            }
            else
            {
                refused.Add(new UnattachedFile(shownName, "the bot could not store it"));
            }
        }

        return new EvidenceIntake(kept, refused, Math.Max(0, offered.Count - Math.Max(0, room)));
    }

    /// <summary>Deletes stored evidence files (the problem closed without a ticket).</summary>
    public void Discard(IEnumerable<EvidenceFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var file in files)
        {
            try
            {
                var path = options.Value.LocalPath(file.StoredPath);
                File.Delete(path);
                if (Path.GetDirectoryName(path) is { } directory && Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
                {
                    Directory.Delete(directory);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogDiscardFailed(logger, file.StoredPath, ex.Message);
            }
        }
    }

    private async Task<(byte[]? Content, string? Reason)> FetchAsync(OfferedFile file, string? serviceUrl, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxFileBytes;
        var tooLarge = $"it is larger than the {options.Value.MaxFileMegabytes} MB limit";
        if (file.Url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return DataUri(file.Url, limit, tooLarge);
        }

        if (!Uri.TryCreate(file.Url, UriKind.Absolute, out var url))
        {
            return (null, "its address is not valid");
        }

        var client = httpClientFactory.CreateClient(HttpClientName);
        for (var hop = 0; hop <= MaxRedirects; hop++)
        {
            var trust = new EvidenceDownloadPolicy(options.Value, trustedServiceUrls).Trust(url, serviceUrl);
            if (trust == DownloadTrust.Refused)
            {
                LogUntrusted(logger, url.Host);
                return (null, "it is not stored in Teams, and the bot downloads files only from Teams");
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (trust == DownloadTrust.WithToken && await tokenProvider.GetAccessTokenAsync(cancellationToken) is { Length: > 0 } token)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                LogDownloadFailed(logger, url.Host, ex.Message);
                return (null, "the download failed");
            }

            using (response)
            {
                if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    // Each hop is checked again, and the token stays behind when the host is not trusted with it.
                    url = location.IsAbsoluteUri ? location : new Uri(url, location);
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    return (null, string.Create(CultureInfo.InvariantCulture, $"the download failed (HTTP {(int)response.StatusCode})"));
                }

                if (response.Content.Headers.ContentType?.MediaType is { } media && media.Contains("html", StringComparison.OrdinalIgnoreCase))
                {
                    return (null, "the download returned a web page (an error or sign-in page) instead of the file");
                }

                if (response.Content.Headers.ContentLength > limit)
                {
                    return (null, tooLarge);
                }

                try
                {
                    return await ReadBoundedAsync(response, limit, cancellationToken) is { } bytes ? (bytes, null) : (null, tooLarge);
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    LogDownloadFailed(logger, url.Host, ex.Message);
                    return (null, "the download failed");
                }
            }
        }

        return (null, "the download failed (too many redirects)");
    }

    private static async Task<byte[]?> ReadBoundedAsync(HttpResponseMessage response, long limit, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static (byte[]? Content, string? Reason) DataUri(string uri, long limit, string tooLarge)
    {
        var comma = uri.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0 || !uri[..comma].EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
        {
            return (null, "its address is not valid");
        }

        var payload = uri[(comma + 1)..];
        if (payload.Length / 4L * 3 > limit + 3)
        {
            return (null, tooLarge);
        }

        try
        {
            var bytes = Convert.FromBase64String(payload);
            return bytes.LongLength > limit ? (null, tooLarge) : (bytes, null);
        }
        catch (FormatException)
        {
            return (null, "its address is not valid");
        }
    }

    private async Task<string?> StoreAsync(string name, byte[] content, CancellationToken cancellationToken)
    {
        var stored = $"{Guid.NewGuid():N}/{name}";
        try
        {
            var path = options.Value.LocalPath(stored);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            await file.WriteAsync(content, cancellationToken);
            return stored;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogStoreFailed(logger, ex.Message);
            return null;
        }
    }

    /// <summary>The name to mention in a refusal: the sender's, without control characters, or a description.</summary>
    private static string ShownName(OfferedFile file) =>
        string.IsNullOrWhiteSpace(file.Name) ? (file.DeclaredType?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) == true ? "the pasted image" : "a file")
        : new string([.. file.Name.Where(c => !char.IsControl(c) && char.GetUnicodeCategory(c) != UnicodeCategory.Format)]).Trim() is { Length: > 0 } clean
            ? clean.Length > EvidenceFileNames.MaxLength ? clean[..EvidenceFileNames.MaxLength] + "…" : clean
            : "a file";

    private static string? DownloadUrl(object? content)
    {
        var element = content switch
        {
            JsonElement e => e,
            null => default,
            _ => JsonSerializer.SerializeToElement(content),
        };
        return element.ValueKind == JsonValueKind.Object && element.TryGetProperty("downloadUrl", out var url) && url.ValueKind == JsonValueKind.String
            ? url.GetString()
            : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Evidence file {FileName} not kept: {Reason}")]
    private static partial void LogRefused(ILogger logger, string fileName, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Evidence download refused: host {Host} is not a Teams attachment host (Tickets:Evidence:TrustedDownloadHosts)")]
    private static partial void LogUntrusted(ILogger logger, string host);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Evidence download from {Host} failed: {Detail}")]
    private static partial void LogDownloadFailed(ILogger logger, string host, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store an evidence file: {Detail}")]
    private static partial void LogStoreFailed(ILogger logger, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove evidence file {StoredPath}: {Detail}")]
    private static partial void LogDiscardFailed(ILogger logger, string storedPath, string detail);
}
