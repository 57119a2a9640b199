using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace TeamsItBot.Bench;

/// <summary>What reached the connector for one inbound activity (keyed by the reply's replyToId).</summary>
public sealed class TurnReplies
{
    private readonly Lock _gate = new();

    public int Count { get; private set; }

    /// <summary>Stopwatch timestamp of the last reply that arrived.</summary>
    public long LastArrival { get; private set; }

    public string? DraftId { get; private set; }

    public string? CardActivityId { get; private set; }

    public bool TicketCreated { get; private set; }

    internal void Add(long arrival, string responseId, ReadOnlySpan<byte> body)
    {
        string? draftId = null;
        if (body.IndexOf("\"draftId\""u8) >= 0 && body.IndexOf("createTicket"u8) >= 0)
        {
            draftId = FindDraftId(body);
        }

        var created = body.IndexOf("Created ticket "u8) >= 0;
        lock (_gate)
        {
            Count++;
            LastArrival = Math.Max(LastArrival, arrival);
            if (draftId is not null)
            {
                DraftId = draftId;
                CardActivityId = responseId;
            }

            TicketCreated |= created;
        }
    }

    private static string? FindDraftId(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 256 });
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("draftId"u8) && reader.Read()
                && reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString();
            }
        }

        return null;
    }
}

/// <summary>
/// A minimal Bot Connector on 127.0.0.1: accepts replies, sends and updates, stamps the arrival
/// of each reply and answers <c>{"id":"..."}</c> at once. The load generator registers each
/// inbound activity id before posting it, so replies are matched without parsing every body.
/// </summary>
public sealed class BenchConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, TurnReplies> _turns = new(StringComparer.Ordinal);
    private long _nextId;
    private long _requests;
    private long _unmatched;

    private BenchConnector(WebApplication app)
    {
        _app = app;
        app.Run(HandleAsync);
    }

    public string ServiceUrl { get; private set; } = string.Empty;

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Replies whose replyToId no running turn had registered.</summary>
    public long Unmatched => Interlocked.Read(ref _unmatched);

    public static async Task<BenchConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var connector = new BenchConnector(builder.Build());
        await connector._app.StartAsync();
        var address = connector._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        connector.ServiceUrl = address.TrimEnd('/') + "/";
        return connector;
    }

    public TurnReplies Expect(string activityId)
    {
        var replies = new TurnReplies();
        _turns[activityId] = replies;
        return replies;
    }

    public void Forget(string activityId) => _turns.TryRemove(activityId, out _);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var body = await ReadAsync(context.Request);
        var arrival = Stopwatch.GetTimestamp();
        var target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var segments = target.Split('?', 2)[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length is < 4 or > 5 || segments[0] != "v3" || segments[1] != "conversations" || segments[3] != "activities")
        {
            context.Response.StatusCode = 404;
            return;
        }

        var id = "c-" + Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (HttpMethods.IsPost(context.Request.Method) && segments.Length == 5)
        {
            var replyToId = Uri.UnescapeDataString(segments[4]);
            if (_turns.TryGetValue(replyToId, out var turn))
            {
                turn.Add(arrival, id, body.Span);
            }
            else
            {
                Interlocked.Increment(ref _unmatched);
            }
        }
        else if (HttpMethods.IsPut(context.Request.Method) && segments.Length == 5)
        {
            id = Uri.UnescapeDataString(segments[4]);
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{\"id\":\"" + id + "\"}", Encoding.UTF8);
    }

    private static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is > 0 and < 1_000_000 and var length ? (int)length : 4096);
        while (true)
        {
            var read = await request.Body.ReadAsync(buffer.GetMemory(4096));
            if (read == 0)
            {
                return buffer.WrittenMemory;
            }

            buffer.Advance(read);
        }
    }
}
