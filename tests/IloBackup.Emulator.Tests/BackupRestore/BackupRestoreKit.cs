using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Configuration;
using IloBackup.Emulator.Ilo;
using IloBackup.Emulator.Security;

namespace IloBackup.Emulator.Tests.BackupRestore;

/// <summary>What the Backup and Restore tests do again and again, the way a client does it.</summary>
internal static class BackupRestoreKit
{
    public const string ServicePath = "/redfish/v1/Managers/1/BackupRestoreService";
    public const string PushUri = "/cgi-bin/uploadRestoreFile";

    /// <summary>GET of the service (creates the file); returns the body.</summary>
    public static Task<JsonObject> GetServiceAsync(HttpClient client, string path = ServicePath) => JsonAssert.GetAsync(client, path);

    /// <summary>Backs up as the seed does: GET the service, then GET <c>BackupFileLocation</c>.</summary>
    public static async Task<(string Location, byte[] File)> BackupAsync(HttpClient client)
    {
        var service = await GetServiceAsync(client);
        var location = service["BackupFileLocation"]!.GetValue<string>();
        using var response = await client.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        return (location, bytes);
    }

    /// <summary>A restore POST as the seed's curl sends it: form <c>sessionKey</c>, optional <c>password</c>, <c>file</c>; Cookie and X-Auth-Token headers.</summary>
    public static HttpRequestMessage RestoreRequest(
        byte[] file,
        string? token,
        string? password = null,
        bool cookie = true,
        bool formKey = true,
        bool plainContentType = false,
        string fileName = "HPE_MXQ_backup.bak",
        string? formToken = null)
    {
        var form = new MultipartFormDataContent("----restore-test-boundary");
        if (formKey)
        {
            form.Add(new StringContent(formToken ?? token ?? ""), "sessionKey");
        }

        if (password is not null)
        {
            form.Add(new StringContent(password), "password");
        }

        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "file", fileName);
        if (plainContentType)
        {
            form.Headers.ContentType = new MediaTypeHeaderValue("multipart/form-data");
        }

        var request = new HttpRequestMessage(HttpMethod.Post, PushUri) { Content = form };
        if (token is not null)
        {
            request.Headers.Add("X-Auth-Token", token);
            if (cookie)
            {
                request.Headers.Add("Cookie", "sessionKey=" + token);
            }
        }

        return request;
    }

    /// <summary>The configuration as JSON, to compare two configurations whole.</summary>
    public static string Json(IloConfiguration configuration) =>
        JsonSerializer.Serialize(configuration, ConfigurationJsonContext.Default.IloConfiguration);

    /// <summary>A recognisable configuration: host name, static address, an extra account, a license, SNMP and NTP.</summary>
    public static IloConfiguration Configure(VirtualIlo ilo, string tag = "a") => ilo.UpdateConfiguration(c => c with
    {
        Network = c.Network with { HostName = "ilo-" + tag, DhcpEnabled = false, StaticAddress = "192.0.2.10", DnsServers = ["192.0.2.53"] },
        Users = c.Users with
        {
            Accounts =
            [
                .. c.Users.Accounts,
                new UserAccount { Id = c.Users.NextAccountId(), UserName = "ops-" + tag, LoginName = "ops-" + tag, Password = "ops-password-" + tag, Privileges = IloRoles.Operator },
            ],
        },
        License = new LicenseSettings { Key = "ABCDE-FGHIJ-KLMNO-PQRST-" + (tag + "VWXYZ")[..5].ToUpperInvariant(), Name = "iLO Advanced" },
        Time = c.Time with { NtpServers = ["192.0.2.123"] },
    });

    /// <summary>Adds an account with <paramref name="privileges"/> and returns its credentials.</summary>
    public static (string User, string Password) AddAccount(VirtualIlo ilo, string user, IloPrivileges privileges)
    {
        const string password = "account-Passw0rd";
        ilo.UpdateConfiguration(c => c with
        {
            Users = c.Users with
            {
                Accounts = [.. c.Users.Accounts, new UserAccount { Id = c.Users.NextAccountId(), UserName = user, LoginName = user, Password = password, Privileges = privileges }],
            },
        });
        return (user, password);
    }

    /// <summary>Waits out the reset that follows a restore (on the fake clock).</summary>
    public static void WaitForReset(EmulatorFixture emulator, VirtualIlo ilo)
    {
        Assert.True(ilo.IsReachable);
        Assert.Equal(0, ilo.Sessions.Count);
        emulator.Time.Advance(emulator.Fleet.Options.BackupRestore.RestoreResetDelay);
        Assert.False(ilo.IsReachable);
        emulator.Time.Advance(emulator.Fleet.Options.ResetDuration + TimeSpan.FromSeconds(1));
        Assert.True(ilo.IsReachable);
    }
}
