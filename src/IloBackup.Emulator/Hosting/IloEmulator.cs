using IloBackup.Emulator.Control;
using IloBackup.Emulator.Ilo;
using IloBackup.Emulator.Redfish.Pipeline;
using IloBackup.Emulator.Resources;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IloBackup.Emulator.Hosting;

/// <summary>
/// The emulated iLOs of one fleet and what the request pipeline shares about them: registered
/// with <see cref="IloEmulatorHosting.AddIloEmulator"/>, served with
/// <see cref="IloEmulatorHosting.MapIloRedfish"/>. Loading boots every iLO from its state folder.
/// </summary>
public sealed class IloEmulator : IDisposable
{
    private readonly CancellationTokenSource _stopping;
    private IReadOnlyDictionary<int, VirtualIlo> _byPort = new Dictionary<int, VirtualIlo>();

    private IloEmulator(EmulatorOptions options, IReadOnlyList<VirtualIlo> ilos, (string Password, bool Generated, string? File) admin, CancellationTokenSource stopping, UploadSpool spool)
    {
        _stopping = stopping;
        Spool = spool;
        Options = options;
        Ilos = ilos;
        Admin = admin;
        Secret = ControlSecret.Create(options.StateDirectory, needsFile: options.Listen && options.ControlPort is not null);
        Control = new ControlEndpoint(ilos, Secret);
        Logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("IloBackup.Emulator");
    }

    public EmulatorOptions Options { get; }

    /// <summary>The iLOs, by index k.</summary>
    public IReadOnlyList<VirtualIlo> Ilos { get; }

    /// <summary>Per-test route overrides, tried before faults and routes (see <see cref="RouteOverrides"/>).</summary>
    public RouteOverrides Overrides { get; } = new();

    internal (string Password, bool Generated, string? File) Admin { get; }


    internal ControlSecret Secret { get; }

    internal ControlEndpoint Control { get; }

    internal RedfishResolver Resolver { get; } = new();

    internal ILogger Logger { get; }

    /// <summary>Where restore uploads are spooled (see <see cref="UploadSpool"/>).</summary>
    internal UploadSpool Spool { get; }

    internal TimeProvider Time => Options.TimeProvider;

    internal TimeSpan Latency => Options.Latency;

    /// <summary>The iLO of each listening port (set once the listeners are bound).</summary>
    internal IReadOnlyDictionary<int, VirtualIlo> ByPort
    {
        get => Volatile.Read(ref _byPort);
        set => Volatile.Write(ref _byPort, value);
    }

    /// <summary>The control listener's port, or -1 without one (set once bound).</summary>
    internal int ControlPort { get; set; } = -1;

    /// <summary>The whole request pipeline (control and iLOs), for in-process servers; set when the application is built.</summary>
    internal RequestDelegate? Pipeline { get; set; }

    /// <summary>Validates the options and boots every iLO (state folder, initializers, lost configurations).</summary>
    public static IloEmulator Load(EmulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        EmulatorOptionsValidation.Validate(options);
        if (options.StateDirectory is not null)
        {
            Directory.CreateDirectory(options.StateDirectory);
        }

        var spool = UploadSpool.Prepare(options);
        options = options with { BackupRestore = options.BackupRestore with { UploadDirectory = spool.Directory } };

        var admin = IloLoader.ResolveAdminPassword(options);
        var stopping = new CancellationTokenSource();
        var host = new IloHostSettings(options.TimeProvider, options.AdminUser, admin.Password, options.ResetDuration) { Stopping = stopping.Token };
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

        return new IloEmulator(options, ilos, admin, stopping, spool);
    }

    /// <summary>True for a request of the control API: marked so in process, or on the control port.</summary>
    internal bool IsControlRequest(HttpContext context) =>
        context.Items.ContainsKey(ControlItem)
        || (ControlPort > 0 && context.Connection.LocalPort == ControlPort && !context.Items.ContainsKey(Redfish.IloHttpContext.ItemKey));

    internal const string ControlItem = "IloBackup.Emulator.Control";

    /// <summary>Releases what faults hold for good (a stalled restore), before the server waits for its requests.</summary>
    public void Stop() => _stopping.Cancel();

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        Secret.Dispose();
        Spool.Dispose();
    }
}
