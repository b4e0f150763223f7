using IloBackup.Emulator.Ilo;
using IloBackup.Emulator.Security;
using IloBackup.Emulator.Sessions;
using IloBackup.Emulator.Tests.BackupRestore;

namespace IloBackup.Emulator.Tests.HostileClients;

/// <summary>The login failure delay holds per source and per account, on the fake clock.</summary>
public sealed class LoginThrottleTests
{
    private const int Guesses = 32;

    [Fact]
    public async Task Parallel_wrong_logins_for_one_account_are_answered_no_sooner_than_sequential_ones()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        var security = ilo.Configuration.Security;
        var delay = TimeSpan.FromSeconds(security.AuthFailureDelaySeconds);
        var (opsUser, opsPassword) = BackupRestoreKit.AddAccount(ilo, "ops", IloPrivileges.Login);
        var model = new SessionsModel(ilo);
        var all = await ReservedAsync(ilo, Guesses, () => Enumerable.Range(0, Guesses)
            .Select(i => model.LoginAsync(emulator.Fleet.AdminUser, "wrong-" + i, "192.0.2." + (i + 1), CancellationToken.None).AsTask())
            .ToList());
        var answered = 0;
        foreach (var guess in all)
        {
            _ = guess.ContinueWith(_ => Interlocked.Increment(ref answered), TaskScheduler.Default);
        }

        // Another account from another source is not held up (no clock move is needed for it).
        var (session, _) = await model.LoginAsync(opsUser, opsPassword, "198.51.100.7", CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("ops", session.UserName);

        // The held account is held even with the right password, from a new source.
        var admin = model.LoginAsync(emulator.Fleet.AdminUser, EmulatorFixture.Password, "203.0.113.9", CancellationToken.None).AsTask();

        // Sequentially, the first AuthFailuresBeforeDelay wrong guesses come at once and each later one after one delay.
        var free = security.AuthFailuresBeforeDelay;
        for (var step = 0; step < Guesses - free; step++)
        {
            Assert.True(Volatile.Read(ref answered) <= free + step, $"{answered} answered after {step} delays");
            Assert.False(admin.IsCompleted);
            emulator.Time.Advance(delay);
        }

        foreach (var guess in all)
        {
            var refused = await Assert.ThrowsAsync<IloRefusedException>(() => guess.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal(IloRefusal.LoginRefused, refused.Reason);
        }

        var (adminSession, _) = await admin.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(emulator.Fleet.AdminUser, adminSession.UserName);
    }

    [Fact]
    public async Task Parallel_wrong_logins_from_one_source_for_many_accounts_are_held_too()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        var delay = TimeSpan.FromSeconds(ilo.Configuration.Security.AuthFailureDelaySeconds);
        var model = new SessionsModel(ilo);
        var all = await ReservedAsync(ilo, 8, () => Enumerable.Range(0, 8)
            .Select(i => model.LoginAsync("user" + i, "wrong", "192.0.2.50", CancellationToken.None).AsTask())
            .ToList());

        emulator.Time.Advance(delay * 6);
        Assert.Contains(all, t => !t.IsCompleted);
        emulator.Time.Advance(delay);
        foreach (var guess in all)
        {
            await Assert.ThrowsAsync<IloRefusedException>(() => guess.WaitAsync(TimeSpan.FromSeconds(30)));
        }
    }

    /// <summary>Starts the attempts and returns once each has taken its turn (an event, not a wait on time).</summary>
    private static async Task<List<Task<(IloSession, Configuration.UserAccount)>>> ReservedAsync(
        VirtualIlo ilo, int count, Func<List<Task<(IloSession, Configuration.UserAccount)>>> start)
    {
        var reserved = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnReserved()
        {
            if (Interlocked.Increment(ref reserved) == count)
            {
                all.TrySetResult();
            }
        }

        ilo.LoginThrottle.Reserved += OnReserved;
        var tasks = start();
        await all.Task.WaitAsync(TimeSpan.FromSeconds(30));
        ilo.LoginThrottle.Reserved -= OnReserved;
        return tasks;
    }
}
