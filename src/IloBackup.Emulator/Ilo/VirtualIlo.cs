using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using IloBackup.Emulator.Certificates;
using IloBackup.Emulator.Configuration;
using IloBackup.Emulator.Persistence;
using IloBackup.Emulator.Sessions;

namespace IloBackup.Emulator.Ilo;

/// <summary>
/// One emulated iLO: its identity, its configuration (SRAM), its state, sessions and NAND.
/// Every change goes through this model (never through the HTTP handlers directly) and is
/// persisted before it takes effect. Thread-safe.
/// </summary>
public sealed partial class VirtualIlo
{
    private readonly Lock _gate = new();
    private readonly IloStateStore? _store;
    private readonly IloHostSettings _host;
    private readonly ConcurrentDictionary<Type, object> _features = new();
    private IloConfiguration _configuration;
    private IloRuntimeState _state;
    private IloIdentity _identity;
    private X509Certificate2 _certificate;
    private SslStreamCertificateContext? _certificateContext;
    private string _fingerprint;
    private long _unreachableUntilTicks;
    private long _limitedUntilTicks;
    private int _stateDirty;
    private long _version;

    internal VirtualIlo(int index, IloIdentity identity, IloConfiguration configuration, IloRuntimeState state, X509Certificate2 certificate, IloStateStore? store, IloHostSettings host)
    {
        Index = index;
        _identity = identity;
        _configuration = configuration;
        _state = state;
        _certificate = certificate;
        _fingerprint = IloCertificate.Fingerprint(certificate);
        _store = store;
        _host = host;
        Sessions = new SessionStore(host.Time);
        Nand = new NandStorage(store?.NandDirectory, host.Time);
    }

    /// <summary>Raised (synchronously, outside the model's lock) after the configuration went back to factory defaults.</summary>
    public event EventHandler<ConfigurationResetEventArgs>? ConfigurationReset;

    /// <summary>k: the iLO's position in the fleet, from 0.</summary>
    public int Index { get; }

    /// <summary>The TCP port of its listener (0 when the fleet does not listen on sockets).</summary>
    public int Port { get; internal set; }

    /// <summary><c>https://127.0.0.1:&lt;port&gt;</c> (or <c>http://</c> with plain HTTP), no trailing slash.</summary>
    public Uri BaseUrl { get; internal set; } = new("https://127.0.0.1/");

    public IloIdentity Identity => Volatile.Read(ref _identity);

    /// <summary>A consistent snapshot of the whole configuration.</summary>
    public IloConfiguration Configuration => Volatile.Read(ref _configuration);

    /// <summary>A consistent snapshot of what is not configuration.</summary>
    public IloRuntimeState State => Volatile.Read(ref _state);

    public X509Certificate2 Certificate => Volatile.Read(ref _certificate);

    /// <summary>
    /// The TLS context of <see cref="Certificate"/>, made once per certificate: a handshake then
    /// neither rebuilds the certificate's chain nor a new OpenSSL context (a fleet run makes one
    /// handshake per iLO, thousands at once).
    /// </summary>
    internal SslStreamCertificateContext CertificateContext
    {
        get
        {
            var certificate = Certificate;
            var context = Volatile.Read(ref _certificateContext);
            if (context is not null && ReferenceEquals(context.TargetCertificate, certificate))
            {
                return context;
            }

            // A self-signed certificate has no chain to add; offline: never fetch anything.
            context = SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true);
            Volatile.Write(ref _certificateContext, context);
            return context;
        }
    }

    /// <summary>See docs/development.md, "Certificate fingerprints".</summary>
    public string CertificateFingerprint => Volatile.Read(ref _fingerprint);

    /// <summary>The factory administrator account name every iLO of the fleet has.</summary>
    public string AdminUserName => _host.AdminUser;

    /// <summary>The emulator's test password of <see cref="AdminUserName"/> (test data, not a secret).</summary>
    public string AdminPassword => _host.AdminPassword;

    public SessionStore Sessions { get; }

    public NandStorage Nand { get; }

    public TimeProvider Time => _host.Time;

    /// <summary>The iLO clock (host time plus the iLO's own offset).</summary>
    public DateTimeOffset Clock => _host.Time.GetUtcNow() + State.ClockOffset;

    /// <summary>False while the iLO is resetting: connections are dropped, nothing answers.</summary>
    public bool IsReachable => _host.Time.GetUtcNow().UtcTicks >= Interlocked.Read(ref _unreachableUntilTicks);

    /// <summary>True while some functions answer 503 (after an automatic restore at boot, §6).</summary>
    public bool IsLimited => _host.Time.GetUtcNow().UtcTicks < Interlocked.Read(ref _limitedUntilTicks);

    /// <summary>When functions stop answering 503 (in the past when they answer).</summary>
    public DateTimeOffset LimitedUntil => new(Interlocked.Read(ref _limitedUntilTicks), TimeSpan.Zero);

    /// <summary>When the iLO answers again after a reset (in the past when it is up).</summary>
    public DateTimeOffset ReachableAt => new(Interlocked.Read(ref _unreachableUntilTicks), TimeSpan.Zero);

    /// <summary>
    /// Bumped after every change of <see cref="Identity"/>, <see cref="Configuration"/>,
    /// <see cref="State"/> or <see cref="Certificate"/> (read it before those values; an answer
    /// rendered from them is current while this and the clock's second are unchanged).
    /// </summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>The idle timeout of sessions, from the configuration.</summary>
    public TimeSpan SessionTimeout => TimeSpan.FromSeconds(Configuration.Security.SessionTimeoutSeconds);

    /// <summary>Per-iLO state of an extension (e.g. the backup service), created once on first use.</summary>
    public T GetFeature<T>(Func<VirtualIlo, T> factory)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        return (T)_features.GetOrAdd(typeof(T), static (_, arg) => arg.factory(arg.ilo), (factory, ilo: this));
    }

    /// <summary>
    /// Atomically changes the configuration: <paramref name="change"/> gets the current value and
    /// returns the new one (it may throw to refuse, and then nothing changes). The new value is
    /// persisted before it takes effect.
    /// </summary>
    public IloConfiguration UpdateConfiguration(Func<IloConfiguration, IloConfiguration> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        IloConfiguration? updated = null;
        Change(c => updated = c.Configuration = change(c.Configuration));
        return updated!;
    }

    /// <summary>Replaces the whole configuration (a restore): persisted first, then in effect.</summary>
    public void ReplaceConfiguration(IloConfiguration configuration) => ReplaceConfiguration(configuration, null);

    /// <summary>As <see cref="ReplaceConfiguration(IloConfiguration)"/>, telling <paramref name="observer"/> each point of the SRAM write.</summary>
    internal void ReplaceConfiguration(IloConfiguration configuration, Action<Persistence.AtomicWritePoint>? observer)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Change(c =>
        {
            c.Configuration = configuration;
            c.WriteObserver = observer;
        });
    }

    /// <summary>Appends to the iLO Event Log.</summary>
    public LogEntry AppendEventLog(string message, string severity = "OK") =>
        AppendLog(message, severity, iml: false);

    /// <summary>Appends to the Integrated Management Log.</summary>
    public LogEntry AppendIml(string message, string severity = "OK") =>
        AppendLog(message, severity, iml: true);

    public void ClearEventLog() => UpdateState(s => s with { EventLog = [] }, durable: false);

    public void ClearIml() => UpdateState(s => s with { Iml = [] }, durable: false);

    /// <summary>Ends every session.</summary>
    public void EndAllSessions() => Sessions.Clear();

    /// <summary>
    /// Resets the iLO: every session ends at once, and it is unreachable (connections dropped)
    /// for <paramref name="unreachableFor"/> (default: the fleet's reset duration), then back.
    /// </summary>
    public void Reset(string reason, TimeSpan? unreachableFor = null)
    {
        var duration = unreachableFor ?? _host.ResetDuration;
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero, nameof(unreachableFor));
        Sessions.Clear();
        AppendEventLog($"iLO reset: {reason}.");
        Interlocked.Exchange(ref _unreachableUntilTicks, (_host.Time.GetUtcNow() + duration).UtcTicks);
    }

    /// <summary>Makes functions answer 503 for a while (e.g. after an automatic restore at boot).</summary>
    public void StartLimitedAvailability(TimeSpan duration) =>
        Interlocked.Exchange(ref _limitedUntilTicks, (_host.Time.GetUtcNow() + duration).UtcTicks);

    /// <summary>Builds this iLO's factory configuration (without applying it).</summary>
    public IloConfiguration CreateFactoryDefaults() =>
        FactoryDefaults.Create(Identity.DefaultHostName, _host.AdminUser, _host.AdminPassword);

    internal void SetIdentity(IloIdentity identity)
    {
        lock (_gate)
        {
            _store?.SaveIdentity(identity);
            Volatile.Write(ref _identity, identity);
            Interlocked.Increment(ref _version);
        }
    }

    internal void SetCertificate(X509Certificate2 certificate)
    {
        Volatile.Write(ref _certificate, certificate);
        Volatile.Write(ref _fingerprint, IloCertificate.Fingerprint(certificate));
        Interlocked.Increment(ref _version);
    }

    internal string? StateDirectory => _store?.Directory;

    /// <summary>Cancelled when the fleet stops.</summary>
    internal CancellationToken Stopping => _host.Stopping;

    /// <summary>Writes the logs if they changed since the last write (called periodically and at shutdown).</summary>
    internal void FlushState()
    {
        if (Interlocked.Exchange(ref _stateDirty, 0) == 1)
        {
            lock (_gate)
            {
                _store?.SaveState(_state);
            }
        }
    }

    private void ApplyFactoryDefaults(ConfigurationResetReason reason, string why) =>
        Change(c => c.ResetConfigurationToFactoryDefaults(reason, why));

    internal void RaiseConfigurationReset(ConfigurationResetReason reason) =>
        ConfigurationReset?.Invoke(this, new ConfigurationResetEventArgs(reason));

    private LogEntry AppendLog(string message, string severity, bool iml)
    {
        LogEntry? entry = null;
        UpdateState(s => WithLog(s, message, severity, iml, out entry), durable: false);
        return entry!;
    }

    private IloRuntimeState WithLog(IloRuntimeState state, string message, string severity, bool iml, out LogEntry entry)
    {
        var log = iml ? state.Iml : state.EventLog;
        var id = log.Count == 0 ? 1 : log[^1].Id + 1;
        entry = new LogEntry(id, _host.Time.GetUtcNow() + state.ClockOffset, severity, message);
        var kept = log.Count >= IloRuntimeState.MaxLogEntries ? log.Skip(log.Count - IloRuntimeState.MaxLogEntries + 1) : log;
        IReadOnlyList<LogEntry> updated = [.. kept, entry];
        return iml ? state with { Iml = updated } : state with { EventLog = updated };
    }

    private void UpdateState(Func<IloRuntimeState, IloRuntimeState> change, bool durable)
    {
        lock (_gate)
        {
            var updated = change(_state);
            Volatile.Write(ref _state, updated);
            Interlocked.Increment(ref _version);
            if (durable)
            {
                _store?.SaveState(updated);
            }
            else if (_store is not null)
            {
                Interlocked.Exchange(ref _stateDirty, 1);
            }
        }
    }
}
