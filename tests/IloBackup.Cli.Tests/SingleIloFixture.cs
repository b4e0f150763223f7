using System.Collections.Concurrent;
using IloBackup.Emulator.Hosting;
using IloBackup.Emulator.Ilo;
using IloBackup.TestSupport.Emulation;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Cli.Tests;

/// <summary>
/// An emulated iLO (or a few) over plain HTTP on 127.0.0.1 with a short reset, a work directory and
/// a password file; the requests it got, the restores it applied and every session token it issued.
/// </summary>
internal sealed class SingleIloFixture : IAsyncDisposable
{
    private readonly IDisposable _tokens;
    private readonly IDisposable _restores;
    private readonly IDisposable _log;
    private readonly Func<int> _restoreCount;
    private bool _stopped;

    private SingleIloFixture(EmulatorFleet fleet, string directory)
    {
        Fleet = fleet;
        Directory = directory;
        PasswordFile = Path.Combine(directory, "password");
        File.WriteAllText(PasswordFile, TestIlo.AdminPassword + "\n");
        _tokens = fleet.Overrides.RecordIssuedTokens(out var tokens);
        IssuedTokenLog = tokens;
        _restores = fleet.Overrides.CountAnswers(
            c => HttpMethods.IsPost(c.Request.Method) && c.Request.Path.Equals("/cgi-bin/uploadRestoreFile", StringComparison.OrdinalIgnoreCase),
            StatusCodes.Status200OK, out _restoreCount);
        _log = fleet.Overrides.RecordRequests(out var requests);
        Requests = requests;
    }

    public EmulatorFleet Fleet { get; }

    public VirtualIlo Ilo => Fleet[0];

    /// <summary>Requests of every iLO, <c>METHOD /path?query</c> (those an override added later answers are not seen).</summary>
    public ConcurrentQueue<string> Requests { get; }

    /// <summary>Restore uploads answered 200.</summary>
    public int Restores => _restoreCount();

    public string Directory { get; }

    /// <summary>Every session token the iLOs handed out (<see cref="IloBackup.Emulator.Testing.OverrideKit.RecordIssuedTokens"/>).</summary>
    public IReadOnlyList<string> IssuedTokens => [.. IssuedTokenLog];

    private ConcurrentQueue<string> IssuedTokenLog { get; }

    public string PasswordFile { get; }

    public string Host => HostOf(0);

    public string[] Login => ["--user", TestIlo.AdminUser, "--password-file", PasswordFile];

    public static async Task<SingleIloFixture> StartAsync(int count = 1) =>
        new(await TestIlo.StartKestrelAsync(null, o => o with
        {
            Count = count,
            ResetDuration = TimeSpan.FromMilliseconds(700),
            BackupRestore = o.BackupRestore with { RestoreResetDelay = TimeSpan.FromMilliseconds(100) },
        }), System.IO.Directory.CreateTempSubdirectory("ilobackup-cli-").FullName);

    public string HostOf(int index) => Fleet[index].BaseUrl.ToString().TrimEnd('/');

    /// <summary>The one backup file written to the work directory.</summary>
    public string BackupFile() => System.IO.Directory.GetFiles(Directory, "*.bak").Single();

    public string[] Args(params string[] args) => [.. args, .. Login];

    /// <summary>Stops the emulator now (its port then refuses connections).</summary>
    public async Task StopIloAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            _log.Dispose();
            _restores.Dispose();
            _tokens.Dispose();
            await Fleet.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopIloAsync();
        System.IO.Directory.Delete(Directory, true);
    }
}
