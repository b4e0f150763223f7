using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IloBackup.Serve.Tests.Notifications;

/// <summary>
/// A webhook receiver on Kestrel at 127.0.0.1: it keeps every POST (body and headers) and answers with the status codes
/// given, in order, then 204.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Queue<HttpStatusCode> _answers;

    private WebhookReceiver(WebApplication app, Queue<HttpStatusCode> answers)
    {
        _app = app;
        _answers = answers;
    }

    public Channel<Received> Requests { get; } = Channel.CreateUnbounded<Received>();
    public int Posts { get; private set; }
    public Uri Url => new(_app.Urls.Single() + "/hook");

    public static async Task<WebhookReceiver> StartAsync(params HttpStatusCode[] firstAnswers)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, new Queue<HttpStatusCode>(firstAnswers));
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            receiver.Posts++;
            var status = receiver._answers.TryDequeue(out var s) ? s : HttpStatusCode.NoContent;
            if (status == HttpStatusCode.NoContent)
            {
                await receiver.Requests.Writer.WriteAsync(new Received(
                    body.ToArray(), http.Request.Headers["X-IloBackup-Signature"].ToString(), http.Request.Headers["X-IloBackup-Event"].ToString(),
                    http.Request.ContentType));
            }

            http.Response.StatusCode = (int)status;
        });
        await app.StartAsync();
        return receiver;
    }

    public async Task<Received> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await Requests.Reader.ReadAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    public sealed record Received(byte[] Body, string Signature, string Event, string? ContentType);
}
