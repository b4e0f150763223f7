using IloBackup.Engine.Identity;
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using IloBackup.Engine.Backup;
using IloBackup.Engine.Metadata;
using System.Text;
using IloBackup.Engine.Fleet;
using IloBackup.Engine.Inventory;

namespace IloBackup.Engine.Tests.Fleet;

/// <summary>An in-memory fleet of iLOs for the fleet logic; counts sessions so tests can check logout.</summary>
internal sealed class FakeConnector(TimeProvider time) : IIloConnector
{
    private int _open;

    public ConcurrentDictionary<string, FakeIlo> Ilos { get; } = new(StringComparer.Ordinal);
    public int OpenSessions => Volatile.Read(ref _open);
    public int Logins;

    public FakeIlo Add(string address, string serial, string firmware = "2.78")
    {
        var ilo = new FakeIlo { Serial = serial, Firmware = firmware };
        Ilos[address] = ilo;
        return ilo;
    }

    public List<InventoryHost> Hosts() =>
        [.. Ilos.Keys.Order(StringComparer.Ordinal).Select((a, i) => new InventoryHost(a, new Uri($"https://{a}/"), null, null, null, null, [], i + 1))];

    public Task<IIloConnection> ConnectAsync(InventoryHost host, CancellationToken cancellationToken)
    {
        var ilo = Ilos[host.Address];
        return ilo.Failure switch
        {
            "unreachable" => throw new HttpRequestException($"{host.Address}: connection refused"),
            "password" => throw new UnauthorizedAccessException($"{host.Address}: login refused (wrong user name or password)"),
            _ => Task.FromResult<IIloConnection>(new Connection(this, ilo, time)),
        };
    }

    internal sealed class FakeIlo
    {
        public required string Serial { get; init; }
        public required string Firmware { get; set; }
        public string? Failure { get; set; }
        public bool CustomBackup { get; set; }
        public int Backups;
    }

    private sealed class Connection : IIloConnection
    {
        private readonly FakeConnector _owner;
        private readonly FakeIlo _ilo;
        private readonly TimeProvider _time;

        public Connection(FakeConnector owner, FakeIlo ilo, TimeProvider time)
        {
            _owner = owner;
            _ilo = ilo;
            _time = time;
            Interlocked.Increment(ref owner._open);
            Interlocked.Increment(ref owner.Logins);
        }

        private IloIdentity Facts => new(_ilo.Serial, "ProLiant DL360 Gen10 Plus", "867959-B21", "iLO 5", _ilo.Firmware);

        public Task<IloIdentity> ReadIdentityAsync(CancellationToken cancellationToken) => Task.FromResult(Facts);

        public async Task<BackupMetadata> BackupAsync(BackupSink sink, CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref _ilo.Backups);
            var name = sink.Prepare($"HPE_{_ilo.Serial}_20261101_1200.bak");
            var bytes = Encoding.UTF8.GetBytes($"backup {n} of {_ilo.Serial} on {_ilo.Firmware}");
            await sink.BeginAttempt().WriteAsync(bytes, cancellationToken);
            await sink.CompleteAttemptAsync(cancellationToken);
            var metadata = new BackupMetadata
            {
                FileName = name, Sha256 = sink.Sha256!, SizeBytes = sink.Length, CreatedUtc = _time.GetUtcNow(), Identity = Facts,
                Snapshot = new JsonObject { ["hostName"] = _ilo.Serial },
            };
            await sink.CommitAsync(metadata, cancellationToken);
            return metadata;
        }

        public Task<CustomBackupChange> SetCustomBackupAsync(bool? enabled, CancellationToken cancellationToken)
        {
            if (_ilo.Failure != "stuck" && enabled is { } on)
            {
                _ilo.CustomBackup = on;
            }

            return Task.FromResult(new CustomBackupChange(Facts, _ilo.CustomBackup, null));
        }

        public ValueTask DisposeAsync()
        {
            Interlocked.Decrement(ref _owner._open);
            return ValueTask.CompletedTask;
        }
    }
}
