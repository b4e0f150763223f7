using System.Text;
using System.Text.Json.Nodes;
using IloBackup.Redfish.Errors;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Cli.Tests.Errors;

/// <summary>
/// Issue 14, "Error bodies": a real iLO's error entries carry only MessageId and MessageArgs;
/// <c>ilobackup</c> still prints a readable message, from its own copy of the registries.
/// </summary>
public sealed class TerseIloErrorTests
{
    private const string TerseBody =
        """{"error":{"code":"iLO.0.10.ExtendedInfo","message":"See @Message.ExtendedInfo for more information.","@Message.ExtendedInfo":[{"MessageId":"iLO.2.14.ResetInProgress"}]}}""";

    [Fact]
    public async Task Backup_prints_a_readable_message_for_a_terse_ilo_error()
    {
        await using var ilo = await SingleIloFixture.StartAsync();
        using var terse = ilo.Fleet.Overrides.Add(
            (c, _) => HttpMethods.IsGet(c.Request.Method) && c.Request.Path.StartsWithSegments("/redfish/v1/Managers/1/BackupRestoreService", StringComparison.OrdinalIgnoreCase),
            async (c, _, _) =>
            {
                c.Response.StatusCode = StatusCodes.Status409Conflict;
                c.Response.ContentType = "application/json; charset=utf-8";
                await c.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(TerseBody));
            });

        var (code, _, error) = await CliRun.RunAsync(ilo.Args("backup", ilo.Host, "--output", ilo.Directory, "--no-snapshot"));

        Assert.NotEqual(ExitCodes.Ok, code);
        // The emulator's registry text ("The iLO is resetting.") or the built-in one: see ServedRegistryCliTests.
        Assert.Contains("iLO.2.14.ResetInProgress: the iLO is resetting", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Arguments_of_a_terse_entry_fill_the_built_in_text_and_unknown_ids_stay_bare()
    {
        var body = JsonNode.Parse("""{"error":{"@Message.ExtendedInfo":[{"MessageId":"iLO.2.8.PropertyNotWritableOrUnknown","MessageArgs":["NTPServers"]},{"MessageId":"Oem.9.Nothing"}]}}""");
        var parsed = new List<RedfishMessage> { new("iLO.2.8.PropertyNotWritableOrUnknown", null, null, null), new("Oem.9.Nothing", null, null, null) };

        var filled = MessageTexts.Fill(parsed, body);

        Assert.Equal("iLO.2.8.PropertyNotWritableOrUnknown: NTPServers is read-only or not a property of this resource", filled[0].ToString());
        Assert.Equal("Oem.9.Nothing", filled[1].ToString());
    }

    [Fact]
    public void A_text_the_ilo_sent_is_kept()
    {
        var parsed = new List<RedfishMessage> { new("Base.1.12.NoValidSession", "the iLO's own words", null, null) };
        Assert.Same(parsed, MessageTexts.Fill(parsed, null));
    }
}
