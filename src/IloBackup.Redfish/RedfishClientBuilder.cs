using IloBackup.Redfish.Credentials;
using IloBackup.Redfish.Http;
using IloBackup.Redfish.Tls;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IloBackup.Redfish;

/// <summary>Configures and builds an immutable <see cref="RedfishClient"/>.</summary>
public sealed class RedfishClientBuilder
{
    private readonly RedfishEndpoint _endpoint;
    private IRedfishCredentialProvider? _credentials;
    private TlsPolicy? _tls;
    private TimeProvider _time = TimeProvider.System;
    private ILoggerFactory _loggerFactory = NullLoggerFactory.Instance;
    private RedfishClientOptions _options = new();
    private RedfishHandlerPool? _pool;
    private HttpMessageHandler? _handler;

    internal RedfishClientBuilder(RedfishEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _endpoint = endpoint;
    }

    public RedfishClientBuilder WithCredentials(IRedfishCredentialProvider credentials)
    {
        _credentials = credentials;
        return this;
    }

    public RedfishClientBuilder WithCredentials(RedfishCredential credential) =>
        WithCredentials(new StaticCredentialProvider(credential));

    /// <summary>The TLS policy; default: verify and pin in the default known hosts file.</summary>
    public RedfishClientBuilder WithTls(TlsPolicy policy)
    {
        _tls = policy;
        return this;
    }

    public RedfishClientBuilder WithTimeProvider(TimeProvider timeProvider)
    {
        _time = timeProvider;
        return this;
    }

    public RedfishClientBuilder WithLoggerFactory(ILoggerFactory loggerFactory)
    {
        _loggerFactory = loggerFactory;
        return this;
    }

    public RedfishClientBuilder WithOptions(RedfishClientOptions options)
    {
        _options = options;
        return this;
    }

    /// <summary>Shares long-lived handlers with other clients (a fleet run). The pool is not disposed with the client.</summary>
    public RedfishClientBuilder WithHandlerPool(RedfishHandlerPool pool)
    {
        _pool = pool;
        return this;
    }

    /// <summary>
    /// Sends through this handler instead of a pooled socket handler: for in-process servers in
    /// tests (e.g. an ASP.NET TestServer hosting the emulator). TLS policy does not apply. Not disposed with the client.
    /// </summary>
    public RedfishClientBuilder WithHttpMessageHandler(HttpMessageHandler handler)
    {
        _handler = handler;
        return this;
    }

    public RedfishClient Build()
    {
        var logger = _loggerFactory.CreateLogger("IloBackup.Redfish");
        if (_handler is not null)
        {
            var invoker = new HttpMessageInvoker(_handler, disposeHandler: false);
            return new RedfishClient(new RedfishTransport(_endpoint, invoker, null, _options, _time, logger), _credentials, invoker);
        }

        var owned = _pool is null
            ? new RedfishHandlerPool(_options.ConnectTimeout, _options.MaxConnectionsPerServer, _loggerFactory)
            : null;
        var pooled = (_pool ?? owned!).Get(_endpoint, _tls ?? TlsPolicy.VerifyAndPin(new KnownHostsFile(KnownHostsFile.DefaultPath())));
        var transport = new RedfishTransport(_endpoint, pooled.Invoker, pooled.Trust, _options, _time, logger);
        return new RedfishClient(transport, _credentials, owned);
    }
}
