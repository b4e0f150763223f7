using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using IloBackup.Redfish.Tls;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IloBackup.Redfish.Http;

/// <summary>
/// Long-lived <see cref="SocketsHttpHandler"/>s, one per endpoint and TLS policy (a pin is part
/// of the policy: two iLOs behind one address on different ports have different certificates).
/// Redirects, cookies and proxies are off: a BMC answers directly, and the session key is sent
/// only where this client decides. Share one pool between the clients of a fleet run.
/// </summary>
public sealed class RedfishHandlerPool : IDisposable
{
    private readonly ConcurrentDictionary<(string HostPort, TlsPolicy Policy), Lazy<PooledHandler>> _handlers = new();
    private readonly TimeSpan _connectTimeout;
    private readonly int _maxConnectionsPerServer;
    private readonly ILogger _logger;
    private bool _disposed;

    public RedfishHandlerPool(TimeSpan? connectTimeout = null, int maxConnectionsPerServer = 4, ILoggerFactory? loggerFactory = null)
    {
        _connectTimeout = connectTimeout ?? TimeSpan.FromSeconds(15);
        _maxConnectionsPerServer = maxConnectionsPerServer;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("IloBackup.Redfish.Tls");
    }

    internal PooledHandler Get(RedfishEndpoint endpoint, TlsPolicy policy)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var key = (endpoint.HostPort, policy);
        return _handlers.GetOrAdd(key, k => new Lazy<PooledHandler>(() => Create(k.HostPort, k.Policy))).Value;
    }

    private PooledHandler Create(string hostPort, TlsPolicy policy)
    {
        var trust = new CertificateTrust(hostPort, policy, _logger);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = _connectTimeout,
            MaxConnectionsPerServer = _maxConnectionsPerServer,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        };
        handler.SslOptions.RemoteCertificateValidationCallback = trust.Validate;
        if (policy.IgnoresChainErrors(hostPort))
        {
            // The verdict will not look at the system's chain errors: no revocation checks and no
            // downloads of intermediates (network) on a handshake whose chain cannot change the answer.
            // .NET on Linux still reads the system CA store once per process for this; the CLI avoids
            // even that for one pinned iLO (Cli/Connection/SystemCaStore.cs).
            handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
                DisableCertificateDownloads = true,
            };
        }

        return new PooledHandler(new HttpMessageInvoker(handler, disposeHandler: true), trust);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var entry in _handlers.Values.Where(l => l.IsValueCreated))
        {
            entry.Value.Invoker.Dispose();
        }

        _handlers.Clear();
    }
}

/// <summary>A pooled handler and the trust judge its TLS callback uses.</summary>
internal sealed record PooledHandler(HttpMessageInvoker Invoker, CertificateTrust? Trust);
