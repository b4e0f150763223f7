using System.Diagnostics;

namespace IloBackup.Emulator.Tests;

/// <summary>
/// The session part of the seed's curl script (login, parse Token and Location the seed's way,
/// logout), run unchanged but for host and <c>-k</c>, with the real curl against a real socket.
/// </summary>
public sealed class CurlSeedFlowTests
{
    // The seed's own commands (../shared/seed/ilo-backup-and-restore.md), with -k and the port added to the host.
    private const string SeedScript = """
        set -u
        Var=$(curl -k --silent --location --include --header 'Content-Type: application/json'  \
                    --request POST "https://${bmcIp}/redfish/v1/SessionService/Sessions/"    \
                    --data "{
                        \"UserName\": \"${bmcUser}\",
                        \"Password\": \"${bmcPassword}\"
                        }"                                                   |               \
                    awk  '/Token/ || /Location/  {printf "%s ", $NF}'        |               \
                    tr -d '\r')
        read -r -a TokenAndLocation <<< "$Var"
        if [[ ${TokenAndLocation[0]} =~ "/"  ]] ; then
          Location=$(echo ${TokenAndLocation[0]#https://*} | awk -F'/' -vOFS='/'   '{$1="" ; print $0}')
          Token=${TokenAndLocation[1]}
        else
          Location=$(echo ${TokenAndLocation[1]#https://*} | awk -F'/' -vOFS='/'   '{$1="" ; print $0}')
          Token=${TokenAndLocation[0]}
        fi
        echo "token=${Token}"
        echo "location=${Location}"
        curl -k --silent --header "X-Auth-Token: ${Token}" "https://${bmcIp}/redfish/v1/Managers/1/?%24select=FirmwareVersion"; echo
        echo "logout=$(curl -k --silent --output /dev/null --write-out '%{http_code}' --location --header "X-Auth-Token: ${Token}" --request DELETE https://${bmcIp}${Location})"
        echo "after=$(curl -k --silent --output /dev/null --write-out '%{http_code}' --header "X-Auth-Token: ${Token}" https://${bmcIp}/redfish/v1/Managers/1/)"
        """;

    [CommandFact("curl", "bash")]
    public async Task Seed_curl_script_logs_in_and_out()
    {
        await using var emulator = await EmulatorFixture.StartAsync(listen: true);
        var ilo = emulator.Fleet[0];
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(SeedScript);
        start.Environment["bmcIp"] = "127.0.0.1:" + ilo.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["bmcUser"] = ilo.AdminUserName;
        start.Environment["bmcPassword"] = ilo.AdminPassword;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var text = await output;
        Assert.True(process.ExitCode == 0, text + await error);
        var lines = text.Split('\n');
        Assert.Matches("^token=[0-9A-F]{32}$", lines[0]);
        Assert.Matches("^location=/redfish/v1/SessionService/Sessions/Administrator[0-9a-f]{24}/$", lines[1]);
        Assert.Contains("\"FirmwareVersion\":\"iLO 5 v2.78\"", lines[2], StringComparison.Ordinal);
        Assert.Contains("logout=200", lines, StringComparer.Ordinal);
        Assert.Contains("after=401", lines, StringComparer.Ordinal);
        Assert.Equal(0, ilo.Sessions.Count);
    }

    [CommandFact("curl")]
    public async Task Curl_sees_the_service_root_as_an_ilo_5_would_answer_it()
    {
        await using var emulator = await EmulatorFixture.StartAsync(listen: true);
        var start = new ProcessStartInfo("curl") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-k", "--silent", "--include", $"https://127.0.0.1:{emulator.Fleet[0].Port}/redfish/v1/" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.StartsWith("HTTP/1.1 200 OK", text, StringComparison.Ordinal);
        Assert.Contains("OData-Version: 4.0", text, StringComparison.Ordinal);
        Assert.Contains("\"@odata.type\":\"#ServiceRoot.v1_5_1.ServiceRoot\"", text, StringComparison.Ordinal);
        Assert.Contains("\"ManagerType\":\"iLO 5\"", text, StringComparison.Ordinal);
    }
}
