using System.Collections.Concurrent;
using IloBackup.Engine.Inventory;
using IloBackup.Redfish;
using IloBackup.Redfish.Credentials;
using IloBackup.Redfish.Http;
using IloBackup.Engine.Secrets;

namespace IloBackup.Engine.Fleet;

/// <summary>
/// The production <see cref="IIloConnector"/>: one <see cref="RedfishClient"/> per iLO, the inventory's
/// credentials (resolved from their references only when needed) and its fingerprints pinned up front.
/// Handlers are per endpoint anyway (a pin is part of the TLS policy), so each iLO gets its own
/// handler pool, disposed when its work ends: sockets close at once and memory follows the
/// concurrency, not the size of the fleet.
/// </summary>
public sealed class RedfishIloConnector : IIloConnector
{
    private readonly RedfishIloConnectorOptions _options;

    /// <summary>
    /// Passwords read so far, by reference: a fleet usually shares one password file or variable,
    /// read once per run instead of once per iLO.
    /// </summary>
    private readonly ConcurrentDictionary<SecretSource, string> _passwords = new();

    public RedfishIloConnector(RedfishIloConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    public async Task<IIloConnection> ConnectAsync(InventoryHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var credential = await CredentialAsync(host, cancellationToken).ConfigureAwait(false);
        var tls = host.Fingerprint is { } pin ? _options.Tls with { PinnedFingerprint = pin, PinnedFingerprintSource = host.PinnedIn } : _options.Tls;
        var builder = RedfishClient.CreateBuilder(RedfishEndpoint.Parse(host.BaseUri.ToString()))
            .WithCredentials(credential)
            .WithTls(tls)
            .WithTimeProvider(_options.TimeProvider)
            .WithLoggerFactory(_options.LoggerFactory)
            .WithOptions(_options.Client);
        if (_options.Handler is not null)
        {
            return new RedfishIloConnection(builder.WithHttpMessageHandler(_options.Handler).Build(), null, _options);
        }

        var pool = new RedfishHandlerPool(_options.Client.ConnectTimeout, _options.Client.MaxConnectionsPerServer, _options.LoggerFactory);
        try
        {
            return new RedfishIloConnection(builder.WithHandlerPool(pool).Build(), pool, _options);
        }
        catch
        {
            pool.Dispose();
            throw;
        }
    }

    private async Task<RedfishCredential> CredentialAsync(InventoryHost host, CancellationToken cancellationToken)
    {
        var user = host.User ?? _options.DefaultUser ?? _options.DefaultCredential?.UserName
            ?? throw new InventoryCredentialException($"{host.Address}: no user name (give --user or 'user:' in the inventory)");
        if (host.Password is { } reference)
        {
            if (!_passwords.TryGetValue(reference, out var password))
            {
                password = await reference.ResolveAsync(_options.Environment is { } environment ? new SecretReader(environment) : null, cancellationToken).ConfigureAwait(false);
                _passwords.TryAdd(reference, password);
            }

            return new RedfishCredential(user, password);
        }

        return _options.DefaultCredential is { } fallback
            ? new RedfishCredential(user, fallback.Password)
            : throw new InventoryCredentialException(
                $"{host.Address}: no password (set ILO_PASSWORD, give --password-file, or password-env/password-file in the inventory)");
    }
}
