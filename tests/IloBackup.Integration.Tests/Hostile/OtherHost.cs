using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IloBackup.Integration.Tests.Hostile;

/// <summary>
/// The host a hostile iLO's links point at: a small Kestrel on 127.0.0.1 that records every request
/// and answers as a willing accomplice would (a token for a login, 16 bytes for a download), so
/// that a client which followed a link would carry on. It must receive nothing.
/// </summary>
internal sealed class OtherHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtherHost(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    /// <summary><c>127.0.0.1:PORT</c>, for links such as <c>//127.0.0.1:PORT/path</c>.</summary>
    public string Authority => $"127.0.0.1:{Port}";

    /// <summary>Every request received: method, path, and whether it carried a token, cookie or body.</summary>
    public ConcurrentQueue<string> Received { get; } = new();

    public static async Task<OtherHost> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        OtherHost? host = null;
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var request = context.Request;
            host!.Received.Enqueue(
                $"{request.Method} {request.Path}{request.QueryString} token={request.Headers.ContainsKey("X-Auth-Token")} "
                + $"cookie={request.Headers.ContainsKey("Cookie")} body={body.Length}");
            context.Response.Headers["X-Auth-Token"] = "accomplice-token";
            context.Response.Headers.Location = "/redfish/v1/SessionService/Sessions/1";
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength = 16;
            await context.Response.WriteAsync("0123456789abcdef");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host = new OtherHost(app, new Uri(address).Port);
        return host;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
