using System.Net.Http.Headers;
using IloBackup.Redfish.Errors;
using IloBackup.Redfish.Logging;
using IloBackup.Redfish.Tls;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace IloBackup.Redfish.Http;

/// <summary>
/// Sends one request to one iLO: timeouts told apart from the caller's cancellation, errors
/// mapped to the exception family, retries (Polly) only where <see cref="RetryKind"/> allows, and
/// the trust-on-first-use prompt when an unknown certificate was refused.
/// </summary>
internal sealed class RedfishTransport
{
    private readonly HttpMessageInvoker _invoker;
    private readonly CertificateTrust? _trust;
    private readonly ResiliencePipeline _idempotent;
    private readonly ResiliencePipeline _notProcessed;
    private readonly ResiliencePipeline _unlessSilent;
    private readonly Func<RedfishException, bool> _idempotentKind = e => e.IsTransient;
    private readonly Func<RedfishException, bool> _unlessSilentKind = e => e.IsTransient && e is not RedfishTimeoutException;
    private readonly Func<RedfishException, bool> _notProcessedKind = e => e.ConnectFailed
        || e.StatusCode is System.Net.HttpStatusCode.ServiceUnavailable or System.Net.HttpStatusCode.TooManyRequests;
    private readonly ServedRegistries _registries;
    private readonly Lock _promptGate = new();
    private Task<bool>? _prompt;

    public RedfishTransport(
        RedfishEndpoint endpoint, HttpMessageInvoker invoker, CertificateTrust? trust,
        RedfishClientOptions options, TimeProvider time, ILogger logger)
    {
        Endpoint = endpoint;
        _invoker = invoker;
        _trust = trust;
        Options = options;
        Time = time;
        Logger = logger;
        _idempotent = BuildRetry(_idempotentKind);
        _unlessSilent = BuildRetry(_unlessSilentKind);
        _notProcessed = BuildRetry(_notProcessedKind);
        _registries = new ServedRegistries(
            new RegistryReader(endpoint, invoker, options.MaxJsonBytes), endpoint.ToString(), options.RequestTimeout, time, logger);
    }

    public RedfishEndpoint Endpoint { get; }

    public RedfishClientOptions Options { get; }

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    /// <summary>
    /// Sends a request and hands a successful (2xx) response to <c>read</c>. <c>configure</c> adds
    /// headers and content; it is called once per attempt, since content cannot be sent twice.
    /// </summary>
    public async Task<T> SendAsync<T>(
        HttpMethod method, string path, Action<HttpRequestMessage>? configure, RetryKind retry, TimeSpan timeout,
        Func<HttpResponseMessage, ResponseScope, Task<T>> read, CancellationToken cancellationToken)
    {
        var (pipeline, owned) = retry switch
        {
            RetryKind.Idempotent => (_idempotent, _idempotentKind),
            RetryKind.NotProcessed => (_notProcessed, _notProcessedKind),
            RetryKind.IdempotentUnlessSilent => (_unlessSilent, _unlessSilentKind),
            _ => (ResiliencePipeline.Empty, static _ => false),
        };
        var attempts = 0;
        async Task<T> RunAsync()
        {
            return await pipeline.ExecuteAsync(
                async token =>
                {
                    attempts++;
                    return await AttemptAsync(method, path, configure, timeout, read, token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }

        try
        {
            try
            {
                return await RunAsync().ConfigureAwait(false);
            }
            catch (RedfishTlsException tls) when (tls.Reason == TlsRejection.UnknownCertificate && _trust?.Policy.Prompt is not null)
            {
                var refusal = _trust.LastRefusal;
                if (refusal?.Certificate is null || !await AskAsync(refusal.Certificate, cancellationToken).ConfigureAwait(false))
                {
                    throw;
                }

                return await RunAsync().ConfigureAwait(false);
            }
        }
        catch (RedfishException e) when (owned(e))
        {
            // This layer owned the failure and spent its retries on it: the layers above must not repeat them.
            e.ClientAttempts = attempts;
            throw;
        }
    }

    private Task<bool> AskAsync(UnknownCertificate certificate, CancellationToken cancellationToken)
    {
        // Several requests may hit the unknown certificate at once: ask the user only once.
        lock (_promptGate)
        {
            _prompt ??= AskOnceAsync(certificate, cancellationToken);
            return _prompt;
        }
    }

    private async Task<bool> AskOnceAsync(UnknownCertificate certificate, CancellationToken cancellationToken)
    {
        var accepted = await _trust!.Policy.Prompt!(certificate, cancellationToken).ConfigureAwait(false);
        if (accepted)
        {
            _trust.Pin(certificate.Fingerprint);
        }

        return accepted;
    }

    private async Task<T> AttemptAsync<T>(
        HttpMethod method, string path, Action<HttpRequestMessage>? configure, TimeSpan timeout,
        Func<HttpResponseMessage, ResponseScope, Task<T>> read, CancellationToken cancellationToken)
    {
        var safePath = LogRedaction.Path(path);
        var what = $"{Endpoint}: {method} {safePath}";
        using var timeoutSource = new CancellationTokenSource(timeout, Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        using var request = new HttpRequestMessage(method, Endpoint.Resolve(path));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.TryAddWithoutValidation("OData-Version", "4.0");
        configure?.Invoke(request);
        var started = Time.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await _invoker.SendAsync(request, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Log(ErrorMapping.Timeout(what, timeout, e), method, safePath);
        }
        catch (HttpRequestException e)
        {
            throw Log(ErrorMapping.FromHttpRequestException(what, e, _trust), method, safePath);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException && timeoutSource.IsCancellationRequested
            && !cancellationToken.IsCancellationRequested)
        {
            throw Log(ErrorMapping.Timeout(what, timeout, e), method, safePath);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException || (e is IOException && !cancellationToken.IsCancellationRequested))
        {
            // Unwrapped socket errors (ENOTCONN, ECONNRESET, EPIPE) while the iLO resets: it is away, not a bug.
            throw Log(ErrorMapping.FromSocketError(what, e), method, safePath);
        }
        catch (OperationCanceledException e) when (e.InnerException is TimeoutException && !linked.IsCancellationRequested)
        {
            // The handler's connect timeout (TCP connect and TLS handshake): a silence, not a drop.
            throw Log(ErrorMapping.Timeout(what, Options.ConnectTimeout, e), method, safePath);
        }
        catch (OperationCanceledException e) when (!linked.IsCancellationRequested)
        {
            // Nobody here cancelled: the server aborted the exchange (in-process servers report it so).
            throw Log(ErrorMapping.Dropped(what, e), method, safePath);
        }

        using (response)
        {
            RedfishLog.Request(Logger, Endpoint.ToString(), method.Method, safePath, (int)response.StatusCode,
                (long)Time.GetElapsedTime(started).TotalMilliseconds);
            try
            {
                if (!response.IsSuccessStatusCode)
                {
                    throw await ErrorMapping.FromResponseAsync(what, response, Time, Options.MaxRetryAfter,
                        ServedTexts(request, response, cancellationToken), linked.Token).ConfigureAwait(false);
                }

                return await read(response, new ResponseScope(linked.Token, timeoutSource, timeout, what)).ConfigureAwait(false);
            }
            catch (Exception e) when ((e is OperationCanceledException || e is IOException) && timeoutSource.IsCancellationRequested
                && !cancellationToken.IsCancellationRequested)
            {
                throw Log(ErrorMapping.Timeout(what, timeout, e), method, safePath);
            }
            catch (OperationCanceledException e) when (!linked.IsCancellationRequested)
            {
                throw Log(ErrorMapping.Dropped(what, e), method, safePath);
            }
            catch (IOException e) when (cancellationToken.IsCancellationRequested)
            {
                // Some streams report a cancelled read as an aborted request: it is the caller's cancellation.
                throw new OperationCanceledException("cancelled", e, cancellationToken);
            }
            catch (Exception e) when (e is HttpIOException or HttpRequestException or System.Net.Sockets.SocketException
                || (e is IOException && e.InnerException is System.Net.Sockets.SocketException))
            {
                throw Log(ErrorMapping.Dropped(what, e), method, safePath);
            }
        }
    }

    /// <summary>
    /// How a failed answer finds the iLO's own message texts: with the session the request had, within
    /// a request timeout of its own and the caller's cancellation. Not for an anonymous request, nor when the session was refused (401) or the iLO
    /// asked to be left alone (429, 503): the built-in texts serve then (docs/client.md, "Message registries").
    /// </summary>
    private Func<IEnumerable<string>, Task<IReadOnlyDictionary<string, string>?>>? ServedTexts(
        HttpRequestMessage request, HttpResponseMessage response, CancellationToken caller)
    {
        var token = request.Headers.TryGetValues("X-Auth-Token", out var values) ? values.FirstOrDefault() : null;
        if (string.IsNullOrEmpty(token) || response.StatusCode is System.Net.HttpStatusCode.Unauthorized
            or System.Net.HttpStatusCode.TooManyRequests or System.Net.HttpStatusCode.ServiceUnavailable)
        {
            return null;
        }

        return ids => _registries.LookupAsync(ids, token, caller);
    }

    private RedfishException Log(RedfishException exception, HttpMethod method, string safePath)
    {
        RedfishLog.RequestFailed(Logger, Endpoint.ToString(), method.Method, safePath, exception.GetType().Name);
        return exception;
    }

    private ResiliencePipeline BuildRetry(Func<RedfishException, bool> shouldRetry)
    {
        if (Options.MaxRetries <= 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = Time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Options.MaxRetries,
                Delay = Options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is RedfishException e && shouldRetry(e)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is RedfishException { RetryAfter: { } after } ? (TimeSpan?)after : null),
                OnRetry = args =>
                {
                    RedfishLog.Retry(Logger, Endpoint.ToString(), args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds,
                        args.Outcome.Exception?.Message ?? "failed");
                    return default;
                },
            })
            .Build();
    }
}
