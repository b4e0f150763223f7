using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IloBackup.Redfish.Discovery;
using IloBackup.Redfish.Errors;
using IloBackup.Redfish.Http;
using IloBackup.Redfish.Logging;

namespace IloBackup.Redfish.Sessions;

/// <summary>
/// A logged-in Redfish session. Always dispose it (<c>await using</c>): disposal logs out, also
/// after cancellation or an error, with its own short timeout, and tolerates a session the iLO
/// has already ended (after a restore or a reset). The token is never exposed or logged.
/// </summary>
public sealed partial class RedfishSession : IAsyncDisposable
{
    /// <summary>The plain body a real iLO answers a restore with when the file password is missing or wrong.</summary>
    public const string InvalidRestorePasswordBody = "invalid_restore_password";

    private readonly RedfishTransport _transport;
    private readonly string _token;
    private readonly string? _sessionPath;
    private int _loggedOut;

    internal RedfishSession(RedfishTransport transport, string token, string? sessionPath, string userName, JsonObject serviceRoot)
    {
        _transport = transport;
        _token = token;
        _sessionPath = sessionPath;
        UserName = userName;
        ServiceRoot = serviceRoot;
    }

    public RedfishEndpoint Endpoint => _transport.Endpoint;

    public string UserName { get; }

    /// <summary>The service root read at login (unauthenticated on iLO).</summary>
    public JsonObject ServiceRoot { get; }

    /// <summary>The path of this session's resource (from the login's Location), or null.</summary>
    internal string? SessionPath => _sessionPath;

    public bool IsLoggedOut => Volatile.Read(ref _loggedOut) != 0;

    /// <summary>Discovery results of this session (see <see cref="IloDiscovery"/>).</summary>
    internal DiscoveryCache Discovery { get; } = new();

    /// <summary>GET a resource; retried on transient failures.</summary>
    public Task<JsonObject> GetAsync(string path, CancellationToken cancellationToken) =>
        GetAsync(path, _transport.Options.RequestTimeout, cancellationToken);

    /// <summary>GET a resource with its own timeout (the backup service GET is slow: it creates the file).</summary>
    public Task<JsonObject> GetAsync(string path, TimeSpan timeout, CancellationToken cancellationToken) =>
        Ended(_transport.SendAsync(HttpMethod.Get, path, Authenticate, RetryKind.Idempotent, timeout,
            (response, scope) => ReadObjectAsync(response, scope), cancellationToken));

    /// <summary>PATCH a resource; retried only when the iLO certainly did not act on it.</summary>
    public Task<JsonObject?> PatchAsync(string path, JsonObject body, CancellationToken cancellationToken) =>
        SendJsonAsync(HttpMethod.Patch, path, body, cancellationToken);

    /// <summary>POST JSON (actions, collection members); retried only when the iLO certainly did not act on it.</summary>
    public Task<JsonObject?> PostAsync(string path, JsonNode body, CancellationToken cancellationToken) =>
        SendJsonAsync(HttpMethod.Post, path, body, cancellationToken);

    /// <summary>DELETE a resource.</summary>
    public Task DeleteAsync(string path, CancellationToken cancellationToken) =>
        Ended(_transport.SendAsync(HttpMethod.Delete, path, Authenticate, RetryKind.NotProcessed, _transport.Options.RequestTimeout,
            (_, _) => Task.FromResult(true), cancellationToken));

    /// <summary>True while the iLO still knows this session (false after a restore or reset ended it).</summary>
    public async Task<bool> IsActiveAsync(CancellationToken cancellationToken)
    {
        if (_sessionPath is null || IsLoggedOut)
        {
            return false;
        }

        try
        {
            await _transport.SendAsync(HttpMethod.Get, _sessionPath, Authenticate, RetryKind.None, _transport.Options.RequestTimeout,
                (_, _) => Task.FromResult(true), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RedfishHttpException e) when (e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>Logs out. Never throws for a failed logout: the iLO ends idle sessions itself.</summary>
    public async ValueTask LogoutAsync()
    {
        if (Interlocked.Exchange(ref _loggedOut, 1) != 0)
        {
            return;
        }

        var host = Endpoint.ToString();
        if (_sessionPath is null)
        {
            RedfishLog.LogoutFailed(_transport.Logger, host, "the iLO gave no session location");
            return;
        }

        // Logout must happen even when the caller was cancelled (Ctrl+C): it gets its own time budget.
        using var budget = new CancellationTokenSource(_transport.Options.LogoutTimeout, _transport.Time);
        try
        {
            await _transport.SendAsync(HttpMethod.Delete, _sessionPath, Authenticate, RetryKind.None, _transport.Options.LogoutTimeout,
                (_, _) => Task.FromResult(true), budget.Token).ConfigureAwait(false);
            RedfishLog.LoggedOut(_transport.Logger, host);
        }
        catch (RedfishHttpException e) when (e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.NotFound)
        {
            RedfishLog.SessionGone(_transport.Logger, host);
        }
        catch (RedfishException e)
        {
            RedfishLog.LogoutFailed(_transport.Logger, host, e.Message);
        }
        catch (OperationCanceledException)
        {
            RedfishLog.LogoutFailed(_transport.Logger, host, "timed out");
        }
    }

    public ValueTask DisposeAsync() => LogoutAsync();

    private Task<JsonObject?> SendJsonAsync(HttpMethod method, string path, JsonNode body, CancellationToken cancellationToken) =>
        Ended(_transport.SendAsync(method, path,
            request =>
            {
                Authenticate(request);
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            },
            RetryKind.NotProcessed, _transport.Options.RequestTimeout,
            (response, scope) => ReadOptionalObjectAsync(response, scope), cancellationToken));

    /// <summary>
    /// A 401 to a request of a session that logged in fine means the iLO ended the session (a reset,
    /// an idle timeout): worth a new login and another attempt, unlike a refused login (§2).
    /// </summary>
    private async Task<T> Ended<T>(Task<T> request)
    {
        try
        {
            return await request.ConfigureAwait(false);
        }
        catch (RedfishAuthenticationException e) when (!e.IsTransient)
        {
            throw new RedfishAuthenticationException($"{Endpoint}: the iLO ended the session (reset or idle timeout): {e.Message}", e)
            {
                StatusCode = e.StatusCode, ExtendedInfo = e.ExtendedInfo, PlainBody = e.PlainBody, IsTransient = true,
            };
        }
    }

    private void Authenticate(HttpRequestMessage request) => request.Headers.TryAddWithoutValidation("X-Auth-Token", _token);

    private void AuthenticateForm(HttpRequestMessage request)
    {
        // iLO takes the session as header, cookie or form field (§3); the restore needs the cookie.
        Authenticate(request);
        request.Headers.TryAddWithoutValidation("Cookie", "sessionKey=" + _token);
    }

    private async Task<JsonObject?> ReadOptionalObjectAsync(HttpResponseMessage response, ResponseScope scope)
    {
        if (response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0)
        {
            return null;
        }

        return await ReadObjectAsync(response, scope).ConfigureAwait(false);
    }

    private Task<JsonObject> ReadObjectAsync(HttpResponseMessage response, ResponseScope scope) =>
        JsonBody.ReadObjectAsync(scope.What, response, _transport.Options.MaxJsonBytes, scope.Token);
}
