using IloBackup.Emulator.Ilo;
using IloBackup.Emulator.Sessions;

namespace IloBackup.Emulator.Tests.HostileClients;

/// <summary>Failed logins are coalesced in the iLO Event Log: one entry with a count per source and window.</summary>
public sealed class FailedLoginLogTests
{
    [Fact]
    public async Task Three_hundred_failed_logins_from_one_source_make_one_entry_with_their_count()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        ilo.UpdateConfiguration(c => c with { Security = c.Security with { AuthFailureDelaySeconds = 0 } });
        ilo.AppendEventLog("an older entry");
        var before = ilo.State.EventLog.Count;
        var model = new SessionsModel(ilo);

        for (var i = 0; i < 300; i++)
        {
            await Assert.ThrowsAsync<IloRefusedException>(() => model.LoginAsync("guess" + (i % 7), "wrong", "192.0.2.66", CancellationToken.None).AsTask());
        }

        await Assert.ThrowsAsync<IloRefusedException>(() => model.LoginAsync("x", "wrong", "192.0.2.67", CancellationToken.None).AsTask());

        var log = ilo.State.EventLog;
        Assert.Equal(before + 2, log.Count);
        Assert.Contains(log, e => e.Message == "an older entry");
        var coalesced = Assert.Single(log, e => e.Message.Contains("192.0.2.66", StringComparison.Ordinal));
        Assert.Contains("300 failed logins", coalesced.Message, StringComparison.Ordinal);
        Assert.Equal("Warning", coalesced.Severity);
        Assert.Single(log, e => e.Message == "Login failure: x - 192.0.2.67.");

        // The next window starts a new entry.
        emulator.Time.Advance(FailedLoginLog.Window);
        await Assert.ThrowsAsync<IloRefusedException>(() => model.LoginAsync("guess", "wrong", "192.0.2.66", CancellationToken.None).AsTask());
        Assert.Equal(before + 3, ilo.State.EventLog.Count);
        Assert.Equal("Login failure: guess - 192.0.2.66.", ilo.State.EventLog[^1].Message);
    }

    [Fact]
    public async Task A_logging_threshold_of_zero_logs_no_failure()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        ilo.UpdateConfiguration(c => c with { Security = c.Security with { AuthFailureDelaySeconds = 0, AuthFailureLoggingThreshold = 0 } });
        var before = ilo.State.EventLog.Count;
        await Assert.ThrowsAsync<IloRefusedException>(() => new SessionsModel(ilo).LoginAsync("x", "wrong", "192.0.2.1", CancellationToken.None).AsTask());
        Assert.Equal(before, ilo.State.EventLog.Count);
    }
}
