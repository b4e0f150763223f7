using System.Text;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Cli.Tests.Errors;

/// <summary>
/// Issue 14, "Error bodies": the message <c>ilobackup</c> prints for a terse iLO error comes from the
/// iLO's own registry when it can be read, and from the client's built-in copy when not.
/// </summary>
public sealed class ServedRegistryCliTests
{
    private const string IloStore = "/redfish/v1/RegistryStore/registries/en/iLO.json";

    private const string TerseBody =
        """{"error":{"code":"iLO.0.10.ExtendedInfo","message":"See @Message.ExtendedInfo for more information.","@Message.ExtendedInfo":[{"MessageId":"iLO.2.14.ResetInProgress"}]}}""";

    [Fact]
    public async Task Backup_prints_the_text_of_the_ilos_registry_cleaned()
    {
        await using var ilo = await SingleIloFixture.StartAsync();
        using var terse = Terse(ilo);
        var reads = 0;
        using var served = ilo.Fleet.Overrides.RewriteJson(0, "GET", IloStore, registry =>
        {
            Interlocked.Increment(ref reads);
            registry["Messages"]!["ResetInProgress"]!["Message"] = "\u001b[2JThis iLO's registry says: busy resetting\u0007";
        });

        var (code, _, error) = await CliRun.RunAsync(ilo.Args("backup", ilo.Host, "--output", ilo.Directory, "--no-snapshot"));

        Assert.NotEqual(ExitCodes.Ok, code);
        Assert.Contains("iLO.2.14.ResetInProgress: This iLO's registry says: busy resetting", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', error);
        Assert.Equal(1, Volatile.Read(ref reads));
    }

    [Fact]
    public async Task Backup_prints_the_built_in_text_when_the_registry_is_not_served()
    {
        await using var ilo = await SingleIloFixture.StartAsync();
        using var terse = Terse(ilo);
        using var gone = ilo.Fleet.Overrides.Add(0, "GET", IloStore, (context, _, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });

        var (code, _, error) = await CliRun.RunAsync(ilo.Args("backup", ilo.Host, "--output", ilo.Directory, "--no-snapshot"));

        Assert.NotEqual(ExitCodes.Ok, code);
        Assert.Contains("iLO.2.14.ResetInProgress: the iLO is resetting: wait until it answers again", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_backup_without_errors_reads_no_registry()
    {
        await using var ilo = await SingleIloFixture.StartAsync();

        var (code, _, error) = await CliRun.RunAsync(ilo.Args("backup", ilo.Host, "--output", ilo.Directory, "--no-snapshot"));

        Assert.True(code == ExitCodes.Ok, error);
        Assert.DoesNotContain(ilo.Requests, r => r.Contains("Registr", StringComparison.OrdinalIgnoreCase));
    }

    private static IDisposable Terse(SingleIloFixture ilo) => ilo.Fleet.Overrides.Add(
        (c, _) => HttpMethods.IsGet(c.Request.Method) && c.Request.Path.StartsWithSegments("/redfish/v1/Managers/1/BackupRestoreService", StringComparison.OrdinalIgnoreCase),
        async (c, _, _) =>
        {
            c.Response.StatusCode = StatusCodes.Status409Conflict;
            c.Response.ContentType = "application/json; charset=utf-8";
            await c.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(TerseBody));
        });
}
