using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IloBackup.Redfish.Credentials;
using IloBackup.Redfish.Errors;
using IloBackup.Redfish.Http;
using IloBackup.Redfish.Json;
using IloBackup.Redfish.Logging;
using IloBackup.Redfish.Sessions;

namespace IloBackup.Redfish;

/// <summary>
/// An immutable Redfish client for one BMC, built with <see cref="CreateBuilder"/>. Thread-safe;
/// keep one per iLO for as long as you talk to it. Work happens in <see cref="RedfishSession"/>s.
/// </summary>
public sealed class RedfishClient : IDisposable
{
    /// <summary>Where sessions are created when the service root does not link them (DMTF standard path).</summary>
    private const string StandardSessionsPath = "/redfish/v1/SessionService/Sessions/";

    private readonly RedfishTransport _transport;
    private readonly IRedfishCredentialProvider? _credentials;
    private readonly IDisposable? _owned;
    private readonly List<(string User, DateTimeOffset From, DateTimeOffset To)> _lostLogins = [];

    internal RedfishClient(RedfishTransport transport, IRedfishCredentialProvider? credentials, IDisposable? owned)
    {
        _transport = transport;
        _credentials = credentials;
        _owned = owned;
    }

    public RedfishEndpoint Endpoint => _transport.Endpoint;

    public RedfishClientOptions Options => _transport.Options;

    public TimeProvider TimeProvider => _transport.Time;

    public static RedfishClientBuilder CreateBuilder(RedfishEndpoint endpoint) => new(endpoint);

    /// <summary>
    /// GET the service root (no authentication on iLO), the first request of every run: bounded by
    /// <see cref="RedfishClientOptions.FirstAnswerTimeout"/>, retried on transient failures but not
    /// after a silence (a port that accepts connections and never answers is said so, once).
    /// </summary>
    public async Task<JsonObject> GetServiceRootAsync(CancellationToken cancellationToken)
    {
        var options = _transport.Options;
        var timeout = options.FirstAnswerTimeout < options.RequestTimeout ? options.FirstAnswerTimeout : options.RequestTimeout;
        try
        {
            return await _transport.SendAsync(HttpMethod.Get, "/redfish/v1/", null, RetryKind.IdempotentUnlessSilent, timeout,
                (response, scope) => JsonBody.ReadObjectAsync(scope.What, response, _transport.Options.MaxJsonBytes, scope.Token),
                cancellationToken).ConfigureAwait(false);
        }
        catch (RedfishException e) when (SchemeMismatch.Explain(Endpoint, e) is { } plain)
        {
            throw plain;
        }
        catch (RedfishTimeoutException e) when (e.InnerException is OperationCanceledException { InnerException: TimeoutException })
        {
            // The handler's connect timeout: not even a connection (a firewall dropping packets, a wrong address).
            throw new RedfishTimeoutException(
                $"{Endpoint}: no connection within {_transport.Options.ConnectTimeout.TotalSeconds:0.#} s (TCP connect and TLS handshake): "
                + "nothing answers at that address and port (a wrong address, a firewall dropping packets, a hung iLO); not tried again", e)
            {
                IsTransient = true,
            };
        }
        catch (RedfishTimeoutException e)
        {
            throw new RedfishTimeoutException(
                $"{Endpoint}: GET /redfish/v1/, the first request: no answer within {timeout.TotalSeconds:0.#} s: something accepts "
                + "connections on that port but does not answer (not an iLO's web port, or a hung iLO); not tried again", e)
            {
                IsTransient = true,
            };
        }
    }

    /// <summary>
    /// One GET of the service root with its own timeout and no retry: a probe of whether the iLO
    /// answers (used while waiting for it to come back after a restore).
    /// </summary>
    public Task<JsonObject> ProbeAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        GetServiceRootAsync(timeout, retry: false, cancellationToken);

    /// <summary>Logs in with the credential from the client's provider.</summary>
    public async Task<RedfishSession> LoginAsync(CancellationToken cancellationToken)
    {
        var provider = _credentials ?? throw new InvalidOperationException("the client was built without credentials");
        var credential = await provider.GetCredentialAsync(Endpoint, cancellationToken).ConfigureAwait(false);
        return await LoginAsync(credential, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Logs in with <paramref name="credential"/> (e.g. other credentials after a restore). A login
    /// whose answer was lost (timeout, dropped connection) may still have made a session: it is
    /// tried again, and the sessions such logins left are logged out once one succeeds.
    /// </summary>
    public async Task<RedfishSession> LoginAsync(RedfishCredential credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var root = await GetServiceRootAsync(cancellationToken).ConfigureAwait(false);
        var sessionsPath = RedfishJson.Link(root, "Links", "Sessions") ?? StandardSessionsPath;
        var body = new JsonObject { ["UserName"] = credential.UserName, ["Password"] = credential.Password }.ToJsonString();
        var time = _transport.Time;
        for (var attempt = 0; ; attempt++)
        {
            var started = time.GetUtcNow();
            try
            {
                // A login the caller cancels while it is on its way may still make a session on the
                // iLO: its answer is awaited a little longer (LoginCancelGrace), so that session can
                // be logged out rather than left behind until the iLO's idle timeout.
                using var grace = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
                using var graceOnCancel = cancellationToken.Register(() => grace.CancelAfter(LoginCancelGrace));
                var (token, location) = await _transport.SendAsync(HttpMethod.Post, sessionsPath,
                    request => request.Content = new StringContent(body, Encoding.UTF8, "application/json"),
                    RetryKind.NotProcessed, _transport.Options.RequestTimeout,
                    (response, _) => Task.FromResult(ReadSession(response)),
                    grace.Token).ConfigureAwait(false);
                var loggedInAt = started + ((time.GetUtcNow() - started) / 2);
                RedfishLog.LoggedIn(_transport.Logger, Endpoint.ToString(), credential.UserName);
                var session = new RedfishSession(_transport, token, location, credential.UserName, root);
                if (cancellationToken.IsCancellationRequested)
                {
                    await session.LogoutAsync().ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                }

                await CleanUpLostLoginsAsync(session, sessionsPath, loggedInAt, cancellationToken).ConfigureAwait(false);
                return session;
            }
            catch (RedfishAuthenticationException e)
            {
                throw new RedfishAuthenticationException(
                    $"{Endpoint}: login as '{credential.UserName}' refused (HTTP 401): wrong user name or password", e)
                {
                    StatusCode = HttpStatusCode.Unauthorized, ExtendedInfo = e.ExtendedInfo,
                };
            }
            catch (RedfishException e) when (AnswerMayBeLost(e) && !cancellationToken.IsCancellationRequested)
            {
                lock (_lostLogins)
                {
                    _lostLogins.Add((credential.UserName, started, time.GetUtcNow()));
                }

                RedfishLog.LoginAnswerLost(_transport.Logger, Endpoint.ToString());
                if (attempt >= _transport.Options.MaxRetries)
                {
                    e.ClientAttempts = attempt + 1;
                    throw;
                }

                await Task.Delay(_transport.Options.RetryDelay * Math.Pow(2, attempt), time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>How long a login's answer is still awaited after the caller cancelled (see <see cref="LoginAsync(RedfishCredential, CancellationToken)"/>).</summary>
    private static readonly TimeSpan LoginCancelGrace = TimeSpan.FromSeconds(5);

    public void Dispose() => _owned?.Dispose();

    /// <summary>The iLO may have acted on the request although no answer came: a timeout, or a connection that dropped once made.</summary>
    private static bool AnswerMayBeLost(RedfishException e) =>
        e is RedfishTimeoutException || (e is RedfishUnreachableException { IsTransient: true } && !e.ConnectFailed);

    private async Task CleanUpLostLoginsAsync(RedfishSession session, string sessionsPath, DateTimeOffset loggedInAt, CancellationToken cancellationToken)
    {
        (DateTimeOffset From, DateTimeOffset To)[] windows;
        lock (_lostLogins)
        {
            windows = [.. _lostLogins.Where(l => string.Equals(l.User, session.UserName, StringComparison.OrdinalIgnoreCase)).Select(l => (l.From, l.To))];
            _lostLogins.RemoveAll(l => string.Equals(l.User, session.UserName, StringComparison.OrdinalIgnoreCase));
        }

        if (windows.Length == 0)
        {
            return;
        }

        try
        {
            var removed = await LostLoginCleanup.RunAsync(session, sessionsPath, windows, loggedInAt, cancellationToken).ConfigureAwait(false);
            LostLoginCleanup.Log(_transport.Logger, Endpoint.ToString(), removed);
        }
        catch (RedfishException e)
        {
            RedfishLog.OrphanCleanupFailed(_transport.Logger, Endpoint.ToString(), e.Message);
        }
        catch (OperationCanceledException)
        {
            // The caller gave up: the new session must not be left behind as well.
            await session.LogoutAsync().ConfigureAwait(false);
            throw;
        }
    }

    private Task<JsonObject> GetServiceRootAsync(TimeSpan timeout, bool retry, CancellationToken cancellationToken) =>
        _transport.SendAsync(HttpMethod.Get, "/redfish/v1/", null, retry ? RetryKind.Idempotent : RetryKind.None, timeout,
            (response, scope) => JsonBody.ReadObjectAsync(scope.What, response, _transport.Options.MaxJsonBytes, scope.Token),
            cancellationToken);

    private (string Token, string? Location) ReadSession(HttpResponseMessage response)
    {
        var token = response.Headers.TryGetValues("X-Auth-Token", out var values) ? values.FirstOrDefault() : null;
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new RedfishProtocolException($"{Endpoint}: login answered {(int)response.StatusCode} without an X-Auth-Token header");
        }

        // iLO sends an absolute Location without the port, OpenBMC a relative one (§2). Whatever host
        // it names, the logout goes to this endpoint: RedfishEndpoint.Resolve keeps only the path.
        var location = response.Headers.Location;
        string? path = location is null ? null : location.IsAbsoluteUri && location.Scheme is "http" or "https" ? location.PathAndQuery : location.OriginalString;
        return (token.Trim(), path);
    }
}
