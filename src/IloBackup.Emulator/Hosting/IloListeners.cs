using System.Globalization;
using System.Net;
using System.Net.Security;
using IloBackup.Emulator.Ilo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace IloBackup.Emulator.Hosting;

/// <summary>
/// The sockets of a fleet: one Kestrel endpoint per iLO (iLO k on <c>FirstPort + k</c>, or any free
/// port), each with that iLO's current certificate, plus the optional control endpoint; or none
/// (<see cref="EmulatorOptions.Listen"/> false: in-process handlers only).
/// </summary>
internal sealed class IloListeners
{
    /// <summary><b>(our choice)</b>: open connections one iLO accepts; a further one is closed at once (before TLS).</summary>
    public const int MaxConnectionsPerIlo = 64;

    /// <summary><b>(our choice)</b>: open connections the whole fleet accepts (at least this, or 8 per iLO).</summary>
    public const int MinMaxConnections = 2048;

    /// <summary><b>(our choice)</b>: a request body must arrive at least this fast (bytes per second) after a grace of <see cref="BodyGrace"/>.</summary>
    public const double MinBodyBytesPerSecond = 1024;

    public static readonly TimeSpan BodyGrace = TimeSpan.FromSeconds(2);

    private readonly IloEmulator _emulator;
    private readonly ListenOptions?[] _ilos;
    private ListenOptions? _control;

    private IloListeners(IloEmulator emulator)
    {
        _emulator = emulator;
        _ilos = new ListenOptions?[emulator.Ilos.Count];
    }

    public static IloListeners Configure(IWebHostBuilder host, IloEmulator emulator)
    {
        var listeners = new IloListeners(emulator);
        var options = emulator.Options;
        if (!options.Listen)
        {
            host.UseServer(new NoListenServer());
            return listeners;
        }

        host.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = Math.Max(MinMaxConnections, 8L * emulator.Ilos.Count);
            kestrel.Limits.MaxConcurrentUpgradedConnections = 0;
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(MinBodyBytesPerSecond, BodyGrace);
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            foreach (var ilo in emulator.Ilos)
            {
                var port = options.FirstPort == 0 ? 0 : options.FirstPort + ilo.Index;
                kestrel.Listen(IPAddress.Loopback, port, listen => listeners.ListenAs(ilo, listen));
            }

            if (options.ControlPort is { } controlPort)
            {
                kestrel.Listen(IPAddress.Loopback, controlPort, listen => listeners._control = listen);
            }
        });
        return listeners;
    }

    /// <summary>Once the server runs: each iLO's port and URL, the port → iLO table, the control URL (or null).</summary>
    public Uri? Bind()
    {
        var options = _emulator.Options;
        var byPort = new Dictionary<int, VirtualIlo>();
        var scheme = options.UseHttps ? "https" : "http";
        foreach (var ilo in _emulator.Ilos)
        {
            var port = options.Listen ? _ilos[ilo.Index]!.IPEndPoint!.Port : options.FirstPort == 0 ? 0 : options.FirstPort + ilo.Index;
            ilo.Port = port;
            ilo.BaseUrl = new Uri(string.Create(CultureInfo.InvariantCulture, $"{scheme}://127.0.0.1:{(port == 0 ? 443 : port)}/"));
            if (port != 0)
            {
                byPort[port] = ilo;
            }
        }

        _emulator.ByPort = byPort;
        if (_control is null)
        {
            return null;
        }

        _emulator.ControlPort = _control.IPEndPoint!.Port;
        return new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{_emulator.ControlPort}/"));
    }

    private void ListenAs(VirtualIlo ilo, ListenOptions listen)
    {
        _ilos[ilo.Index] = listen;
        listen.Protocols = HttpProtocols.Http1;

        // A resetting iLO refuses connections before any TLS handshake; so does one at its connection cap.
        var open = 0;
        listen.Use(next => async connection =>
        {
            if (!ilo.IsReachable)
            {
                await Abort(connection);
                return;
            }

            if (Interlocked.Increment(ref open) > MaxConnectionsPerIlo)
            {
                Interlocked.Decrement(ref open);
                await Abort(connection);
                return;
            }

            try
            {
                await next(connection);
            }
            finally
            {
                Interlocked.Decrement(ref open);
            }
        });
        if (_emulator.Options.UseHttps)
        {
            // The iLO's current certificate (it can be replaced while running), as a context made
            // once per certificate rather than once per handshake.
            listen.UseHttps(new TlsHandshakeCallbackOptions
            {
                OnConnection = _ => ValueTask.FromResult(new SslServerAuthenticationOptions
                {
                    ServerCertificateContext = ilo.CertificateContext,
                    ClientCertificateRequired = false,
                }),
            });
        }
    }

    private static Task Abort(Microsoft.AspNetCore.Connections.ConnectionContext connection)
    {
        connection.Abort();
        return Task.CompletedTask;
    }
}
