using System.Globalization;
using System.Net;
using System.Net.Security;
using IloBackup.Emulator.Control;
using IloBackup.Emulator.Ilo;
using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IloBackup.Emulator.Hosting;

/// <summary>
/// A fleet of emulated iLOs in one process: one Kestrel with one endpoint per iLO (iLO k on
/// <c>FirstPort + k</c>, chosen by the connection's local port), each with its own certificate,
/// plus an optional scenario-control endpoint; and in-process handlers for fast tests.
/// </summary>
public sealed class EmulatorFleet : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TestServer _inProcess;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _flusher;
    private readonly TimeProvider _time;

    private readonly Sessions.IssuedTokenLog? _issuedTokens;
    private readonly ControlSecret _controlSecret;

    private EmulatorFleet(
        EmulatorOptions options, IReadOnlyList<VirtualIlo> ilos, WebApplication app, TestServer inProcess, Uri? controlUrl,
        (string Password, bool Generated, string? File) admin, Sessions.IssuedTokenLog? issuedTokens, ControlSecret controlSecret)
    {
        _issuedTokens = issuedTokens;
        _controlSecret = controlSecret;
        Options = options;
        Ilos = ilos;
        _app = app;
        _inProcess = inProcess;
        ControlUrl = controlUrl;
        AdminPassword = admin.Password;
        AdminPasswordGenerated = admin.Generated;
        PasswordFile = admin.File;
        _time = options.TimeProvider;
        _flusher = FlushLoopAsync(_stopping.Token);
    }

    public EmulatorOptions Options { get; }

    /// <summary>Per-test route overrides, to make an iLO misbehave or turn hostile (see <see cref="RouteOverrides"/>).</summary>
    public required RouteOverrides Overrides { get; init; }

    /// <summary>The iLOs, by index k.</summary>
    public IReadOnlyList<VirtualIlo> Ilos { get; }

    public VirtualIlo this[int index] => Ilos[index];

    /// <summary>Base URL of the scenario-control endpoint, or null when there is none.</summary>
    public Uri? ControlUrl { get; }

    public string AdminUser => Options.AdminUser;

    /// <summary>The administrator password of every iLO (emulator test data).</summary>
    public string AdminPassword { get; }

    /// <summary>True when no password was given and a new random one was made for this state directory.</summary>
    public bool AdminPasswordGenerated { get; }

    /// <summary>The 0600 file holding <see cref="AdminPassword"/> in the state directory (null without one).</summary>
    public string? PasswordFile { get; }

    /// <summary>
    /// The credential of the whole control API (<c>Authorization: Bearer</c>): 64 random hex digits
    /// made at every start. <see cref="CreateControlHandler()"/> sends it by itself.
    /// </summary>
    public string ControlSecret => _controlSecret.Value;

    /// <summary>
    /// The 0600 file holding <see cref="ControlSecret"/>: <c>&lt;state-dir&gt;/control-secret</c>; without a
    /// state directory, with a control port, a file in a private temporary folder removed at
    /// <see cref="DisposeAsync"/>; null with neither (the control API is then only in process).
    /// </summary>
    public string? ControlSecretFile => _controlSecret.File;

    /// <summary>
    /// Every session token handed out since start, by every iLO (test hook; see
    /// <see cref="EmulatorOptions.RecordIssuedTokens"/>, which must be on).
    /// </summary>
    public IReadOnlyList<string> IssuedTokens =>
        _issuedTokens?.Snapshot() ?? throw new InvalidOperationException("start the fleet with RecordIssuedTokens = true to read the issued tokens");

    /// <summary>Starts the fleet; returns once every listener accepts connections.</summary>
    public static async Task<EmulatorFleet> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        if (options.StateDirectory is not null)
        {
            Directory.CreateDirectory(options.StateDirectory);
        }

        var admin = IloLoader.ResolveAdminPassword(options);
        var tokens = options.RecordIssuedTokens ? new Sessions.IssuedTokenLog() : null;
        var host = new IloHostSettings(options.TimeProvider, options.AdminUser, admin.Password, options.ResetDuration) { IssuedTokens = tokens };
        var loaded = new (VirtualIlo Ilo, bool Lost)[options.Count];
        Parallel.For(0, options.Count, new ParallelOptions { CancellationToken = cancellationToken }, k => loaded[k] = IloLoader.Load(k, options, host));
        var ilos = loaded.Select(l => l.Ilo).ToArray();
        foreach (var ilo in ilos)
        {
            foreach (var initialize in EmulatorRoutes.IloInitializers)
            {
                initialize(ilo, options);
            }
        }

        foreach (var initialize in EmulatorRoutes.FleetInitializers)
        {
            initialize(ilos, options);
        }

        foreach (var (ilo, lost) in loaded)
        {
            if (lost)
            {
                ilo.BootWithConfigurationLost();
            }
        }

        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var routes = new RedfishRouteTable();
        EmulatorRoutes.Map(routes);
        var overrides = new RouteOverrides();
        var pipeline = new RedfishPipeline(routes, options.TimeProvider, options.Latency, loggerFactory.CreateLogger("IloBackup.Emulator"), overrides);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmulatorFleet).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        var listeners = new ListenOptions?[options.Count];
        ListenOptions? controlListener = null;
        if (options.Listen)
        {
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.AddServerHeader = false;
                for (var k = 0; k < options.Count; k++)
                {
                    var ilo = ilos[k];
                    var port = options.FirstPort == 0 ? 0 : options.FirstPort + k;
                    kestrel.Listen(IPAddress.Loopback, port, listen =>
                    {
                        listeners[ilo.Index] = listen;
                        listen.Protocols = HttpProtocols.Http1;
                        // A resetting iLO refuses connections before any TLS handshake.
                        listen.Use(next => connection => ilo.IsReachable ? next(connection) : Abort(connection));
                        if (options.UseHttps)
                        {
                            // The iLO's current certificate (it can be replaced while running), as
                            // a context made once per certificate rather than once per handshake.
                            listen.UseHttps(new TlsHandshakeCallbackOptions
                            {
                                OnConnection = _ => ValueTask.FromResult(new SslServerAuthenticationOptions
                                {
                                    ServerCertificateContext = ilo.CertificateContext,
                                    ClientCertificateRequired = false,
                                }),
                            });
                        }
                    });
                }

                if (options.ControlPort is { } controlPort)
                {
                    kestrel.Listen(IPAddress.Loopback, controlPort, listen => controlListener = listen);
                }
            });
        }
        else
        {
            builder.WebHost.UseServer(new NoListenServer());
        }

        var app = builder.Build();
        var secret = Control.ControlSecret.Create(options.StateDirectory, needsFile: options.Listen && options.ControlPort is not null);
        var control = new ControlEndpoint(ilos, tokens, secret);
        RequestDelegate? whole = null;
        var controlPortNumber = -1;
        app.Use(next =>
        {
            whole = context =>
                context.Items.ContainsKey(ControlItem) || (controlPortNumber > 0 && context.Connection.LocalPort == controlPortNumber && !context.Items.ContainsKey(IloHttpContext.ItemKey))
                    ? control.HandleAsync(context)
                    : pipeline.SelectIloAsync(context, next);
            return whole;
        });
        app.UseRouting();
        routes.MapEndpoints(app, pipeline);
        app.MapFallback("{**path}", pipeline.NotFoundAsync);

        TestServer inProcess;
        try
        {
            await app.StartAsync(cancellationToken);
            inProcess = new TestServer(app.Services);
            await ((IServer)inProcess).StartAsync(new DelegateApplication(whole!, app.Services), cancellationToken);
        }
        catch
        {
            // A port in use, or cancellation: release what was bound before reporting it.
            await app.DisposeAsync();
            secret.Dispose();
            throw;
        }

        var byPort = new Dictionary<int, VirtualIlo>();
        var scheme = options.UseHttps ? "https" : "http";
        for (var k = 0; k < options.Count; k++)
        {
            var port = options.Listen ? listeners[k]!.IPEndPoint!.Port : options.FirstPort == 0 ? 0 : options.FirstPort + k;
            ilos[k].Port = port;
            ilos[k].BaseUrl = new Uri(string.Create(CultureInfo.InvariantCulture, $"{scheme}://127.0.0.1:{(port == 0 ? 443 : port)}/"));
            if (port != 0)
            {
                byPort[port] = ilos[k];
            }
        }

        pipeline.SetPorts(byPort);
        Uri? controlUrl = null;
        if (controlListener is not null)
        {
            controlPortNumber = controlListener.IPEndPoint!.Port;
            controlUrl = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{controlPortNumber}/"));
        }

        return new EmulatorFleet(options, ilos, app, inProcess, controlUrl, admin, tokens, secret) { Overrides = overrides };
    }

    /// <summary>An in-process handler for iLO <paramref name="index"/>: no socket, no TLS, same behaviour.</summary>
    public HttpMessageHandler CreateHandler(int index)
    {
        var ilo = Ilos[index];
        return _inProcess.CreateHandler(context =>
        {
            context.Items[IloHttpContext.ItemKey] = ilo;
            context.Connection.RemoteIpAddress ??= IPAddress.Loopback;
        });
    }

    /// <summary>An in-process client for iLO <paramref name="index"/>, its base address the iLO's URL.</summary>
    public HttpClient CreateClient(int index) => new(CreateHandler(index)) { BaseAddress = Ilos[index].BaseUrl };

    /// <summary>
    /// An in-process handler for the control API (same JSON as the control endpoint) that sends
    /// <see cref="ControlSecret"/> on every request without an <c>Authorization</c> header of its own.
    /// </summary>
    public HttpMessageHandler CreateControlHandler() => CreateControlHandler(sendSecret: true);

    /// <summary>
    /// As <see cref="CreateControlHandler()"/>; with <paramref name="sendSecret"/> false the requests
    /// go as written, so a test can check what the endpoint answers without the secret.
    /// </summary>
    public HttpMessageHandler CreateControlHandler(bool sendSecret)
    {
        var handler = _inProcess.CreateHandler(context => context.Items[ControlItem] = true);
        return sendSecret ? new ControlSecretHandler(_controlSecret.Value) { InnerHandler = handler } : handler;
    }

    /// <summary>
    /// A real-socket handler that trusts exactly iLO <paramref name="index"/>'s certificate
    /// (pinned by fingerprint), for tests that want TLS end to end.
    /// </summary>
    public SocketsHttpHandler CreatePinnedSocketsHandler(int index)
    {
        var ilo = Ilos[index];
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && string.Equals(
                        Certificates.IloCertificate.Fingerprint(certificate.GetRawCertData()),
                        ilo.CertificateFingerprint, StringComparison.OrdinalIgnoreCase),
            },
        };
    }

    /// <summary>Writes the YAML inventory of the fleet (docs/development.md, "Inventory files").</summary>
    public void WriteInventory(string path) => InventoryWriter.Write(this, path);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await _flusher;
        }
        catch (OperationCanceledException)
        {
            // Expected: the loop ends by cancellation.
        }

        foreach (var ilo in Ilos)
        {
            ilo.FlushState();
        }

        _inProcess.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _controlSecret.Dispose();
        _stopping.Dispose();
    }

    internal const string ControlItem = "IloBackup.Emulator.Control";

    private static Task Abort(Microsoft.AspNetCore.Connections.ConnectionContext connection)
    {
        connection.Abort();
        return Task.CompletedTask;
    }

    private async Task FlushLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(2), _time, cancellationToken);
            foreach (var ilo in Ilos)
            {
                ilo.FlushState();
            }
        }
    }

    private static void Validate(EmulatorOptions options)
    {
        if (options.Count is < 1 or > 5000)
        {
            throw new ArgumentException("count must be 1..5000", nameof(options));
        }

        if (!IloGenerations.IsSupported(options.Generation))
        {
            throw new ArgumentException("generation must be 5, 6 or 7", nameof(options));
        }

        if (options.Firmware is not null && !IloGenerations.IsFirmwareForm(options.Generation, options.Firmware))
        {
            throw new ArgumentException($"firmware of iLO {options.Generation} must look like {IloGenerations.FirmwareForm(options.Generation)}, not '{options.Firmware}'", nameof(options));
        }

        if (options.FirstPort < 0 || (options.FirstPort > 0 && options.FirstPort + options.Count - 1 > 65535))
        {
            throw new ArgumentException("ports out of range", nameof(options));
        }

        if (options.ControlPort is < 0 or > 65535)
        {
            throw new ArgumentException("control port out of range", nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.AdminUser) || options.AdminUser.Length > 39)
        {
            throw new ArgumentException("admin user must be 1..39 characters", nameof(options));
        }

        if (options.AdminPassword is { Length: 0 or > 39 })
        {
            throw new ArgumentException("admin password must be 1..39 characters", nameof(options));
        }

        if (options.Latency < TimeSpan.Zero || options.ResetDuration < TimeSpan.Zero)
        {
            throw new ArgumentException("latency and reset duration cannot be negative", nameof(options));
        }
    }
}
