using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;

// bare-kestrel PORT CERT.pem KEY.pem "METHOD PATH STATUS BODYFILE [Header: value]"...
// Answers each route with the bytes of BODYFILE (application/json), as fast as Kestrel can.
if (args.Length < 4)
{
    await Console.Error.WriteLineAsync("usage: bare-kestrel PORT CERT.pem KEY.pem \"METHOD PATH STATUS BODYFILE [Header: value]\"...").ConfigureAwait(false);
    return 2;
}

var port = int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
using var certificate = X509Certificate2.CreateFromPemFile(args[1], args[2]);
var routes = new Dictionary<(string Method, string Path), (int Status, byte[] Body, string? HeaderName, string? HeaderValue)>();
foreach (var spec in args.Skip(3))
{
    var parts = spec.Split(' ', 5);
    string? headerName = null, headerValue = null;
    if (parts.Length == 5)
    {
        var colon = parts[4].IndexOf(':', StringComparison.Ordinal);
        headerName = parts[4][..colon];
        headerValue = parts[4][(colon + 1)..].Trim();
    }
    routes[(parts[0], parts[1])] = (int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture), await File.ReadAllBytesAsync(parts[3]).ConfigureAwait(false), headerName, headerValue);
}

var builder = WebApplication.CreateSlimBuilder(args.Take(0).ToArray());
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, port, listen =>
{
    listen.Protocols = HttpProtocols.Http1;
    listen.UseHttps(certificate);
}));
var app = builder.Build();
app.Run(context =>
{
    if (!routes.TryGetValue((context.Request.Method, context.Request.Path.Value ?? "/"), out var route))
    {
        context.Response.StatusCode = 404;
        return Task.CompletedTask;
    }
    context.Response.StatusCode = route.Status;
    context.Response.ContentType = "application/json; charset=utf-8";
    context.Response.ContentLength = route.Body.Length;
    if (route.HeaderName is not null)
    {
        context.Response.Headers[route.HeaderName] = route.HeaderValue;
    }
    return context.Response.Body.WriteAsync(route.Body).AsTask();
});
await app.StartAsync().ConfigureAwait(false);
await Console.Out.WriteLineAsync("ready").ConfigureAwait(false);
await app.WaitForShutdownAsync().ConfigureAwait(false);
return 0;
