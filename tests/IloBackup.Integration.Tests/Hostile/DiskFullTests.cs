using System.Diagnostics;
using IloBackup.Engine.Fleet;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Integration.Tests.Hostile;

/// <summary>
/// Issue 11, item 8: a full local disk (ENOSPC) is said in plain words with the host, and never
/// retried. The CLI runs as a child process in its own user and mount namespace
/// (<c>unshare -Urm</c>) with its repository on a 1 MiB tmpfs, so nothing needs root.
/// </summary>
public sealed class DiskFullTests
{
    [Fact]
    public async Task A_fleet_backup_onto_a_full_disk_fails_once_in_plain_words_and_is_not_retried()
    {
        Assert.False(TransientFailure.IsTransient(new IOException("No space left on device", 28)));
        Assert.True(TransientFailure.IsTransient(new IOException("Connection reset by peer", 104)));
        if (!await CanUnshareAsync())
        {
            return; // no user namespaces here: the classification above is what can be checked
        }

        await using var ilo = await HostileIlo.StartAsync(backupPadding: 3L << 20);
        var downloads = 0;
        using var counter = ilo.Fleet.Overrides.Add(
            (context, _) => HttpMethods.IsGet(context.Request.Method) && context.Request.Path.StartsWithSegments("/bkupdata"),
            (context, _, next) =>
            {
                Interlocked.Increment(ref downloads);
                return next(context);
            });
        var inventory = Path.Combine(ilo.Directory, "hosts.txt");
        await File.WriteAllTextAsync(inventory, ilo.Url() + "\n");
        var small = Directory.CreateDirectory(Path.Combine(ilo.Directory, "small")).FullName;
        var script = "mount -t tmpfs -o size=1m tmpfs \"$1\" && exec dotnet \"$2\" fleet backup --inventory \"$3\" --repo \"$1/repo\" "
            + "--user \"$4\" --password-file \"$5\" --no-snapshot --json";

        var (code, output) = await RunAsync(
            "unshare", "-Urm", "sh", "-c", script, "sh", small, Path.Combine(AppContext.BaseDirectory, "ilobackup.dll"), inventory,
            ilo.Fleet.AdminUser, ilo.PasswordFile);

        Assert.True(code == 1, output);
        Assert.Contains(new Uri(ilo.Url()).Authority, output, StringComparison.Ordinal);
        Assert.Contains("the local disk is full (no space left on device)", output, StringComparison.Ordinal);
        Assert.Equal(1, downloads);
    }

    private static async Task<bool> CanUnshareAsync()
    {
        try
        {
            var (code, _) = await RunAsync("unshare", "-Urm", "true");
            return code == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var budget = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(budget.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
