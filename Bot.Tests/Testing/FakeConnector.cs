using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Tests.Testing;

/// <summary>
/// A Bot Connector stand-in on a real Kestrel port (127.0.0.1, dynamic): the reply, send and
/// update routes of v3/conversations. It records every request and answers <c>{"id":"..."}</c>
/// unless a scripted response is queued (<see cref="Enqueue"/>, <see cref="FailNext"/>).
/// Use <see cref="ServiceUrl"/> as the inbound activity's serviceUrl.
/// </summary>
public sealed class FakeConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _pathBase;
    private readonly ConcurrentQueue<FakeConnectorResponse> _scripted = new();
    private readonly List<Rule> _rules = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<FakeConnectorRequest> _requests = [];
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, string> _members = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _memberLookups = new();
    private int _nextId;

    private FakeConnector(WebApplication app, string pathBase)
    {
        _app = app;
        _pathBase = pathBase;
        app.Run(HandleAsync);
    }

    /// <summary>The serviceUrl to put in inbound activities, with a trailing slash as Teams sends it.</summary>
    public string ServiceUrl { get; private set; } = string.Empty;

    public IReadOnlyList<FakeConnectorRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The activities received on the send, reply and update routes, in order.</summary>
    public IReadOnlyList<Activity> Activities => [.. Requests.Where(r => r.Activity is not null).Select(r => r.Activity!)];

    /// <param name="pathBase">A path prefix like Teams' regional "/amer" to check base URLs with paths.</param>
    public static async Task<FakeConnector> StartAsync(string pathBase = "", CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var connector = new FakeConnector(builder.Build(), pathBase.TrimEnd('/'));
        await connector._app.StartAsync(cancellationToken);
        var address = connector._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        connector.ServiceUrl = $"{address.TrimEnd('/')}{connector._pathBase}/";
        return connector;
    }

    /// <summary>
    /// What GET v3/conversations/{id}/members/{userId} answers for <paramref name="userId"/> (Teams' member shape:
    /// id, name, aadObjectId, email, userPrincipalName...); unknown members get 404. Lookups are kept apart from
    /// <see cref="Requests"/> (see <see cref="MemberLookups"/>).
    /// </summary>
    public void AddMember(string userId, object member) => _members[userId] = JsonSerializer.Serialize(member);

    /// <summary>The user ids looked up with GET .../members/{userId}, in order.</summary>
    public IReadOnlyList<string> MemberLookups => [.. _memberLookups];

    /// <summary>The next request gets this answer instead of a success (queued in order).</summary>
    public void Enqueue(FakeConnectorResponse response) => _scripted.Enqueue(response);

    /// <summary>
    /// Requests that match <paramref name="when"/> (route and activity) get <paramref name="response"/>,
    /// the next <paramref name="times"/> of them; the others are answered as usual. Rules are tried in order.
    /// </summary>
    public void FailWhen(Func<FakeConnectorOperation, Activity, bool> when, FakeConnectorResponse response, int times = int.MaxValue)
    {
        lock (_gate)
        {
            _rules.Add(new Rule(when, response, times));
        }
    }

    /// <summary>Drops every <see cref="FailWhen"/> rule: the connector works again.</summary>
    public void Recover()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>Requests the connector answered with a success: what actually reached the chat.</summary>
    public IReadOnlyList<Activity> Delivered =>
        [.. Requests.Where(r => r.Activity is not null && r.ResponseStatus is >= 200 and < 300).Select(r => r.Activity!)];

    /// <summary>The next <paramref name="times"/> requests answer <paramref name="status"/>.</summary>
    public void FailNext(int status, int times = 1, TimeSpan? retryAfter = null)
    {
        for (var i = 0; i < times; i++)
        {
            Enqueue(FakeConnectorResponse.Failure(status, retryAfter));
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> requests arrived (for work that ends after the HTTP answer).</summary>
    public async Task<IReadOnlyList<FakeConnectorRequest>> WaitForRequestsAsync(int count, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var requests = Requests;
            if (requests.Count >= count)
            {
                return requests;
            }

            try
            {
                await Task.Delay(20, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The fake connector got {requests.Count} of {count} expected requests.");
            }
        }
    }

    /// <summary>
    /// Waits until no request has arrived for <paramref name="quietFor"/>: a turn's typing and card
    /// updates run beside it and may land after the HTTP answer, so a count taken at once can be short.
    /// </summary>
    public async Task<int> WaitForQuietAsync(TimeSpan? quietFor = null, TimeSpan? timeout = null)
    {
        var quiet = quietFor ?? TimeSpan.FromMilliseconds(300);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        var count = Requests.Count;
        var since = DateTime.UtcNow;
        while (DateTime.UtcNow - since < quiet)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The fake connector kept receiving requests ({count} so far).");
            }

            await Task.Delay(20);
            var now = Requests.Count;
            if (now != count)
            {
                count = now;
                since = DateTime.UtcNow;
            }
        }

        return count;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        if (MemberLookup(context.Request.Method, rawTarget) is { } userId)
        {
            _memberLookups.Enqueue(userId);
            var found = _members.TryGetValue(userId, out var member);
            context.Response.StatusCode = found ? 200 : 404;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(found ? member! : """{"error":{"code":"MemberNotFoundInConversation"}}""", context.RequestAborted);
            return;
        }

        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var (operation, conversationId, activityId) = Route(context.Request.Method, rawTarget);

        Activity? activity = null;
        if (operation != FakeConnectorOperation.Unknown)
        {
            try
            {
                activity = JsonSerializer.Deserialize<Activity>(body, BotJson.Options);
            }
            catch (JsonException)
            {
                activity = null;
            }
        }

        FakeConnectorResponse response;
        if (operation == FakeConnectorOperation.Unknown)
        {
            response = new FakeConnectorResponse(404, Body: """{"error":{"code":"NotFound"}}""");
        }
        else if (activity is null)
        {
            response = new FakeConnectorResponse(400, Body: """{"error":{"code":"BadSyntax"}}""");
        }
        else if (TakeRule(operation, activity) is { } ruled)
        {
            response = ruled;
        }
        else if (!_scripted.TryDequeue(out response!))
        {
            var id = operation == FakeConnectorOperation.UpdateActivity ? activityId! : $"fake-activity-{Interlocked.Increment(ref _nextId)}";
            response = new FakeConnectorResponse(200, Body: JsonSerializer.Serialize(new ResourceResponse(id), BotJson.Options));
        }

        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        lock (_gate)
        {
            _requests.Add(new FakeConnectorRequest(context.Request.Method, rawTarget, operation, conversationId, activityId, headers, body, activity, response.Status, response.Body));
        }

        switch (response.Fault)
        {
            case FakeConnectorFault.CloseConnection:
                context.Abort();
                return;
            case FakeConnectorFault.Hang:
                using (var hung = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token))
                {
                    try
                    {
                        await Task.Delay(Timeout.Infinite, hung.Token);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }

                context.Abort();
                return;
        }

        context.Response.StatusCode = response.Status;
        if (response.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (response.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(response.Body, context.RequestAborted);
        }
    }

    private FakeConnectorResponse? TakeRule(FakeConnectorOperation operation, Activity activity)
    {
        lock (_gate)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var rule = _rules[i];
                if (rule.Times > 0 && rule.When(operation, activity))
                {
                    _rules[i] = rule with { Times = rule.Times - 1 };
                    return rule.Response;
                }
            }

            return null;
        }
    }

    private sealed record Rule(Func<FakeConnectorOperation, Activity, bool> When, FakeConnectorResponse Response, int Times);


    private string? MemberLookup(string method, string rawTarget)
    {
        var path = rawTarget.Split('?', 2)[0];
        if (method != "GET" || !path.StartsWith(_pathBase + "/", StringComparison.Ordinal)) return null;
        var segments = path[(_pathBase.Length + 1)..].Split('/');
        return segments is ["v3", "conversations", { Length: > 0 }, "members", { Length: > 0 } user] ? Uri.UnescapeDataString(user) : null;
    }

    private (FakeConnectorOperation Operation, string? ConversationId, string? ActivityId) Route(string method, string rawTarget)
    {
        var path = rawTarget.Split('?', 2)[0];
        if (!path.StartsWith(_pathBase + "/", StringComparison.Ordinal))
        {
            return (FakeConnectorOperation.Unknown, null, null);
        }

        var segments = path[(_pathBase.Length + 1)..].Split('/');
        if (segments.Length is < 4 or > 5 || segments[0] != "v3" || segments[1] != "conversations" || segments[3] != "activities"
            || segments.Skip(2).Any(string.IsNullOrEmpty))
        {
            return (FakeConnectorOperation.Unknown, null, null);
        }

        var conversationId = Uri.UnescapeDataString(segments[2]);
        var activityId = segments.Length == 5 ? Uri.UnescapeDataString(segments[4]) : null;
        var operation = (method, activityId) switch
        {
            ("POST", null) => FakeConnectorOperation.SendToConversation,
            ("POST", _) => FakeConnectorOperation.ReplyToActivity,
            ("PUT", not null) => FakeConnectorOperation.UpdateActivity,
            _ => FakeConnectorOperation.Unknown,
        };
        return (operation, conversationId, activityId);
    }
}
