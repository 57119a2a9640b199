using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TeamsItBot.Tests.Testing;

/// <summary>One chat completion request as the fake model received it.</summary>
public sealed record FakeChatRequest(string? Authorization, JsonNode Body)
{
    public string? Model => Body["model"]?.GetValue<string>();

    public IReadOnlyList<(string Role, string Content)> Messages => [.. Body["messages"]!.AsArray()
        .Select(m => (m!["role"]!.GetValue<string>(), ContentOf(m["content"])))];

    private static string ContentOf(JsonNode? content) => content switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>())),
        _ => string.Empty,
    };
}

/// <summary>
/// An OpenAI-compatible chat server on a real Kestrel port (127.0.0.1, dynamic) answering
/// POST /v1/chat/completions with what <see cref="Answer"/> says: a reply text, a delay, a status or a raw body.
/// </summary>
public sealed class FakeChatModel : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeChatRequest> _requests = new();

    private FakeChatModel(WebApplication app)
    {
        _app = app;
        app.MapPost("/v1/chat/completions", HandleAsync);
    }

    /// <summary>The API base to configure as AI:Endpoint.</summary>
    public string Endpoint { get; private set; } = string.Empty;

    public IReadOnlyList<FakeChatRequest> Requests => [.. _requests];

    /// <summary>What the next requests get; by default the assistant says "none".</summary>
    public FakeChatAnswer Answer { get; set; } = FakeChatAnswer.Says("none");

    public static async Task<FakeChatModel> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var model = new FakeChatModel(builder.Build());
        await model._app.StartAsync(cancellationToken);
        var address = model._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        model.Endpoint = $"{address.TrimEnd('/')}/v1";
        return model;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        var body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        _requests.Enqueue(new FakeChatRequest(http.Request.Headers.Authorization.FirstOrDefault(), body!));
        var answer = Answer;
        if (answer.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(answer.Delay, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        http.Response.StatusCode = answer.Status;
        http.Response.ContentType = "application/json";
        var payload = answer.RawBody ?? (answer.Status == 200
            ? Completion(answer.Content ?? string.Empty, body?["model"]?.GetValue<string>() ?? "fake")
            : """{"error":{"message":"the model is unavailable","type":"server_error"}}""");
        await http.Response.WriteAsync(payload, http.RequestAborted);
    }

    private static string Completion(string content, string model) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-fake",
        @object = "chat.completion",
        created = 1_700_000_000,
        model,
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
        usage = new { prompt_tokens = 10, completion_tokens = 1, total_tokens = 11 },
    });
}

/// <summary>How the fake model answers: <see cref="Says"/>, <see cref="Slow"/>, <see cref="Fails"/> or <see cref="Raw"/>.</summary>
public sealed record FakeChatAnswer(string? Content, TimeSpan Delay = default, int Status = 200, string? RawBody = null)
{
    public static FakeChatAnswer Says(string content) => new(content);

    public static FakeChatAnswer Slow(string content, TimeSpan delay) => new(content, delay);

    public static FakeChatAnswer Fails(int status) => new(null, Status: status);

    public static FakeChatAnswer Raw(string body) => new(null, RawBody: body);
}
