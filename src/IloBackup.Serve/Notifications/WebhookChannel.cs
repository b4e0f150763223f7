using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Polly;
using Polly.Retry;

namespace IloBackup.Serve.Notifications;

/// <summary>
/// POSTs each notification as JSON to a URL, signed: <c>X-IloBackup-Signature: sha256=HEX</c> is HMAC-SHA256 of the exact
/// body bytes with the shared secret. Retried with exponential backoff on network errors, timeouts, 5xx and 429 (Polly).
/// </summary>
public sealed class WebhookChannel : INotificationChannel, IDisposable
{
    /// <summary>The header with the body's signature.</summary>
    public const string SignatureHeader = "X-IloBackup-Signature";

    private readonly Uri _url;
    private readonly byte[] _secret;
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry;

    public WebhookChannel(Uri url, byte[] secret, WebhookRetry retry, TimeProvider timeProvider, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(retry);
        _url = url;
        _secret = secret;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan, // each attempt has its own timeout below
        };
        ArgumentOutOfRangeException.ThrowIfLessThan(retry.Attempts, 1);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        if (retry.Attempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = retry.Attempts - 1,
                Delay = retry.FirstDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutException>()
                    .HandleResult(r => (int)r.StatusCode >= 500 || (int)r.StatusCode == 429),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            });
        }

        _retry = builder.AddTimeout(retry.AttemptTimeout).Build();
    }

    public string Name => $"webhook {_url.GetLeftPart(UriPartial.Path)}";

    /// <summary>The header value for a body: <c>sha256=</c> and the lowercase hex HMAC-SHA256.</summary>
    public static string Sign(byte[] secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, body));

    public async Task SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var body = Encoding.UTF8.GetBytes(notification.ToJson().ToJsonString());
        var signature = Sign(_secret, body);
        using var response = await _retry.ExecuteAsync(
            async ct =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Add(SignatureHeader, signature);
                request.Headers.Add("X-IloBackup-Event", Notification.Name(notification.Kind));
                return await _http.SendAsync(request, ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(string.Create(CultureInfo.InvariantCulture, $"{Name} answered {(int)response.StatusCode} {response.ReasonPhrase}"));
        }
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>How hard the webhook tries: attempts in all, the first delay (doubled each time), the timeout of one attempt.</summary>
public sealed record WebhookRetry(int Attempts, TimeSpan FirstDelay, TimeSpan AttemptTimeout)
{
    /// <summary>4 attempts over about 14 s (2, 4, 8 s apart), 10 s each at most: a dead receiver costs the queue well under a minute.</summary>
    public static WebhookRetry Default { get; } = new(4, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10));
}
