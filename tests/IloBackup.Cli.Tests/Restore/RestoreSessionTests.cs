using System.Collections.Concurrent;
using IloBackup.Cli.Tests.Fleet;

namespace IloBackup.Cli.Tests.Restore;

/// <summary>
/// A restore from the repository reads the object where it is and uses one session for the pre-flight
/// and the upload; a missing new password is refused before any connection (issue 13).
/// </summary>
public sealed class RestoreSessionTests
{
    private const string Sessions = "/redfish/v1/SessionService/Sessions";

    [Fact]
    public async Task A_restore_from_the_repository_logs_in_once_before_the_upload()
    {
        await using var emulated = await EmulatedFleet.StartAsync(1);
        var ilo = emulated.Fleet[0];
        var (code, _, error) = await RunAsync("fleet", "backup", "--inventory", emulated.Inventory, "--repo", emulated.Repository, "--json");
        Assert.True(code == 0, error);
        var requests = Record(emulated);

        (code, var output, error) = await RunAsync(
            "restore", ilo.BaseUrl.ToString(), "--repo", emulated.Repository, "--yes",
            "--fingerprint", ilo.CertificateFingerprint, "--user", emulated.Fleet.AdminUser, "--password-file", emulated.Fleet.PasswordFile!,
            "--poll-interval", "100ms", "--deadline", "120s");

        Assert.True(code == 0, output + error);
        var seen = requests.ToArray();
        var upload = Array.FindIndex(seen, r => r.Method == "POST" && r.Path.Contains("uploadRestoreFile", StringComparison.OrdinalIgnoreCase));
        Assert.True(upload > 0, string.Join("\n", seen.Select(r => $"{r.Method} {r.Path}")));
        Assert.Equal(1, seen.Take(upload).Count(IsLogin)); // before: three (serial, pre-flight, upload)
        Assert.Contains(seen.Skip(upload), IsLogin); // the verification after the reset needs its own
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(emulated.Repository, "tmp"))); // nothing copied out
    }

    [Fact]
    public async Task A_new_user_without_its_password_is_refused_before_any_connection()
    {
        await using var emulated = await EmulatedFleet.StartAsync(1);
        var ilo = emulated.Fleet[0];
        var (code, _, error) = await RunAsync("fleet", "backup", "--inventory", emulated.Inventory, "--repo", emulated.Repository, "--json");
        Assert.True(code == 0, error);
        var requests = Record(emulated);

        (code, var output, error) = await RunAsync(
            "restore", ilo.BaseUrl.ToString(), "--repo", emulated.Repository, "--yes", "--new-user", "x",
            "--fingerprint", ilo.CertificateFingerprint, "--user", emulated.Fleet.AdminUser, "--password-file", emulated.Fleet.PasswordFile!);

        Assert.Equal(2, code);
        Assert.Contains("--new-user needs", error, StringComparison.Ordinal);
        Assert.Empty(requests); // not even the service root
        Assert.Empty(output);
    }

    private static bool IsLogin((string Method, string Path) r) =>
        r.Method == "POST" && r.Path.TrimEnd('/').Equals(Sessions, StringComparison.OrdinalIgnoreCase);

    private static ConcurrentQueue<(string Method, string Path)> Record(EmulatedFleet emulated)
    {
        var requests = new ConcurrentQueue<(string Method, string Path)>();
        emulated.Fleet.Overrides.Add((_, _) => true, (context, _, next) =>
        {
            requests.Enqueue((context.Request.Method, context.Request.Path.Value ?? string.Empty));
            return next(context);
        });
        return requests;
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new CliConsole(output, error, TextReader.Null, isInteractive: false));
        return (code, output.ToString(), error.ToString());
    }
}
