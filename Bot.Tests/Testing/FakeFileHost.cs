using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TeamsItBot.Tests.Testing;

/// <summary>
/// Stands in for Teams' attachment endpoints on a real loopback port: serves scripted files (or
/// failures, HTML pages, redirects) and records each request's path and Authorization header.
/// </summary>
public sealed class FakeFileHost : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Path, string? Authorization)> _requests = new();
    private readonly WebApplication _app;

    private FakeFileHost()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(async context =>
        {
            var authorization = context.Request.Headers.Authorization.ToString();
            _requests.Enqueue((context.Request.Path, authorization.Length == 0 ? null : authorization));
            if (_routes.TryGetValue(context.Request.Path, out var handler)) await handler(context);
            else context.Response.StatusCode = StatusCodes.Status404NotFound;
        });
    }

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<(string Path, string? Authorization)> Requests => [.. _requests];

    public static async Task<FakeFileHost> StartAsync()
    {
        var host = new FakeFileHost();
        await host._app.StartAsync();
        host.BaseUrl = new Uri(host._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return host;
    }

    /// <summary>Serves <paramref name="content"/> at <paramref name="path"/>; returns its absolute URL.</summary>
    public string Serve(string path, byte[] content, string contentType = "application/octet-stream", int status = 200)
    {
        _routes[path] = async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.Body.WriteAsync(content);
        };
        return new Uri(BaseUrl, path).ToString();
    }

    public string Redirect(string path, string location)
    {
        _routes[path] = context =>
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = location;
            return Task.CompletedTask;
        };
        return new Uri(BaseUrl, path).ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
