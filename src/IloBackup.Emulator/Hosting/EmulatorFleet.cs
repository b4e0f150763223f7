using System.Net.Security;
using IloBackup.Emulator.Ilo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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
    private readonly IloEmulator _emulator;
    private readonly List<IDisposable> _owned = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _flusher;

    private EmulatorFleet(IloEmulator emulator, WebApplication app, Uri? controlUrl)
    {
        _emulator = emulator;
        _app = app;
        ControlUrl = controlUrl;
        _flusher = FlushLoopAsync(_stopping.Token);
    }

    public EmulatorOptions Options => _emulator.Options;

    /// <summary>Per-test route overrides, to make an iLO misbehave or turn hostile (see <see cref="RouteOverrides"/>).</summary>
    public RouteOverrides Overrides => _emulator.Overrides;

    /// <summary>The iLOs, by index k.</summary>
    public IReadOnlyList<VirtualIlo> Ilos => _emulator.Ilos;

    public VirtualIlo this[int index] => Ilos[index];

    /// <summary>Base URL of the scenario-control endpoint, or null when there is none.</summary>
    public Uri? ControlUrl { get; }

    public string AdminUser => Options.AdminUser;

    /// <summary>The administrator password of every iLO (emulator test data).</summary>
    public string AdminPassword => _emulator.Admin.Password;

    /// <summary>True when no password was given and a new random one was made for this state directory.</summary>
    public bool AdminPasswordGenerated => _emulator.Admin.Generated;

    /// <summary>The 0600 file holding <see cref="AdminPassword"/> in the state directory (null without one).</summary>
    public string? PasswordFile => _emulator.Admin.File;

    /// <summary>
    /// The credential of the whole control API (<c>Authorization: Bearer</c>): 64 random hex digits
    /// made at every start. The in-process control handler of tests (IloBackup.Emulator.Testing) sends it by itself.
    /// </summary>
    public string ControlSecret => _emulator.Secret.Value;

    /// <summary>
    /// The 0600 file holding <see cref="ControlSecret"/>: <c>&lt;state-dir&gt;/control-secret</c>; without a
    /// state directory, with a control port, a file in a private temporary folder removed at
    /// <see cref="DisposeAsync"/>; null with neither (the control API is then only in process).
    /// </summary>
    public string? ControlSecretFile => _emulator.Secret.File;

    /// <summary>Starts the fleet; returns once every listener accepts connections.</summary>
    public static async Task<EmulatorFleet> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
    {
        var emulator = IloEmulator.Load(options, cancellationToken);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmulatorFleet).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(options.LoggerFactory ?? NullLoggerFactory.Instance);
        builder.Services.AddIloEmulator(emulator);
        var listeners = IloListeners.Configure(builder.WebHost, emulator);
        var app = builder.Build();
        app.MapIloRedfish();

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            // A port in use, or cancellation: release what was bound before reporting it.
            await app.DisposeAsync();
            emulator.Dispose();
            throw;
        }

        return new EmulatorFleet(emulator, app, listeners.Bind());
    }

    /// <summary>The application's services (for in-process servers, see IloBackup.Emulator.Testing).</summary>
    internal IServiceProvider Services => _app.Services;

    /// <summary>The whole request pipeline, control and iLOs (for in-process servers).</summary>
    internal RequestDelegate Pipeline => _emulator.Pipeline!;

    /// <summary>Disposes <paramref name="owned"/> with the fleet, before the server stops.</summary>
    internal void Own(IDisposable owned)
    {
        lock (_owned)
        {
            _owned.Add(owned);
        }
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
        _emulator.Stop();
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

        lock (_owned)
        {
            foreach (var owned in _owned)
            {
                owned.Dispose();
            }
        }

        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _emulator.Dispose();
        _stopping.Dispose();
    }

    private async Task FlushLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(2), Options.TimeProvider, cancellationToken);
            foreach (var ilo in Ilos)
            {
                ilo.FlushState();
            }
        }
    }
}
