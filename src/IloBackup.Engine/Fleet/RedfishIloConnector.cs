using IloBackup.Engine.Inventory;
using IloBackup.Redfish;
using IloBackup.Redfish.Credentials;
using IloBackup.Redfish.Http;

namespace IloBackup.Engine.Fleet;

/// <summary>
/// The production <see cref="IIloConnector"/>: one <see cref="RedfishClient"/> per iLO over one shared
/// handler pool, the inventory's credentials (resolved from their references only when needed) and
/// its fingerprints pinned up front.
/// </summary>
public sealed class RedfishIloConnector : IIloConnector, IDisposable
{
    private readonly RedfishIloConnectorOptions _options;
    private readonly RedfishHandlerPool _pool;

    public RedfishIloConnector(RedfishIloConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _pool = new RedfishHandlerPool(options.Client.ConnectTimeout, options.Client.MaxConnectionsPerServer, options.LoggerFactory);
    }

    public async Task<IIloConnection> ConnectAsync(InventoryHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var credential = await CredentialAsync(host, cancellationToken).ConfigureAwait(false);
        var tls = host.Fingerprint is { } pin ? _options.Tls with { PinnedFingerprint = pin } : _options.Tls;
        var builder = RedfishClient.CreateBuilder(RedfishEndpoint.Parse(host.BaseUri.ToString()))
            .WithCredentials(credential)
            .WithTls(tls)
            .WithTimeProvider(_options.TimeProvider)
            .WithLoggerFactory(_options.LoggerFactory)
            .WithOptions(_options.Client)
            .WithHandlerPool(_pool);
        if (_options.Handler is not null)
        {
            builder = builder.WithHttpMessageHandler(_options.Handler);
        }

        return new RedfishIloConnection(builder.Build(), _options);
    }

    public void Dispose() => _pool.Dispose();

    private async Task<RedfishCredential> CredentialAsync(InventoryHost host, CancellationToken cancellationToken)
    {
        var user = host.User ?? _options.DefaultUser ?? _options.DefaultCredential?.UserName
            ?? throw new InventoryCredentialException($"{host.Address}: no user name (give --user or 'user:' in the inventory)");
        if (host.Password is { } reference)
        {
            var password = await reference.ResolveAsync(_options.Environment, cancellationToken).ConfigureAwait(false);
            return new RedfishCredential(user, password);
        }

        return _options.DefaultCredential is { } fallback
            ? new RedfishCredential(user, fallback.Password)
            : throw new InventoryCredentialException(
                $"{host.Address}: no password (set ILO_PASSWORD, give --password-file, or password-env/password-file in the inventory)");
    }
}
