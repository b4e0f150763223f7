using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IloBackup.Cli.Tests.Fleet;
using IloBackup.TestSupport;
using IloBackup.TestSupport.S3;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Cli.Tests.Descriptor;

/// <summary>
/// Issue 19: every repository verb of the CLI on a repository file (<c>--repo site.yaml</c>) naming PostgreSQL + S3 +
/// encryption, and SQLite + folder + encryption: fleet backup, history, show, diff, drift, restore by serial (the iLO
/// receives the exact plaintext: SHA-256 compared), prune, <c>repo rebuild-catalog</c>, and verify finding a damaged
/// object. Nothing the store holds is the plaintext or names its hash.
/// </summary>
public sealed class DescriptorRoundTripTests(S3rver s3) : IClassFixture<S3rver>
{
    [RemoteRepositoryFact]
    public async Task Postgres_s3_and_encryption_through_every_verb()
    {
        await using var emulated = await EmulatedFleet.StartAsync(3);
        var site = await DescriptorSite.PostgresS3Async(emulated.Directory, s3);
        await RoundTripAsync(emulated, site);
    }

    [Fact]
    public async Task Sqlite_folder_and_encryption_through_every_verb()
    {
        await using var emulated = await EmulatedFleet.StartAsync(3);
        var site = await DescriptorSite.SqliteFolderAsync(emulated.Directory);
        await RoundTripAsync(emulated, site);
    }

    private static async Task RoundTripAsync(EmulatedFleet emulated, DescriptorSite site)
    {
        var repo = site.File;
        var backup = await JsonAsync(0, "fleet", "backup", "--inventory", emulated.Inventory, "--repo", repo, "--json");
        Assert.Equal(3, (int)backup["summary"]!["succeeded"]!);
        var history = (await JsonAsync(0, "history", "--repo", repo, "--json")).AsArray();
        Assert.Equal(3, history.Count);
        var hashes = history.Select(e => (string)e!["sha256"]!).ToHashSet(StringComparer.Ordinal);

        // Encrypted at rest: no stored object is a backup file, no key names a backup's hash.
        var stored = await site.StoredObjectsAsync();
        Assert.NotEmpty(stored);
        Assert.DoesNotContain(stored, o => hashes.Contains(DescriptorSite.Sha256(o.Value)));
        Assert.DoesNotContain(stored.Keys, k => hashes.Any(h => k.Contains(h, StringComparison.Ordinal)));

        var ilo = emulated.Fleet[1];
        var serial = ilo.Identity.ServerSerial;
        var first = history.Single(e => (string?)e!["serialNumber"] == serial)!;
        var id = ((long)first["id"]!).ToString(CultureInfo.InvariantCulture);
        var shown = await JsonAsync(0, "show", id, "--repo", repo, "--json");
        Assert.Equal((string)first["sha256"]!, (string?)shown["sha256"]);

        // A changed setting, a second run: diff sees it, drift compares against a baseline.
        ilo.Change(c => c.Configuration = c.Configuration with { Time = c.Configuration.Time with { NtpServers = ["ntp9.example.com"] } });
        await JsonAsync(0, "fleet", "backup", "--inventory", emulated.Inventory, "--repo", repo, "--json");
        history = (await JsonAsync(0, "history", "--repo", repo, "--serial", serial, "--json")).AsArray();
        Assert.Equal(2, history.Count);
        var ids = history.Select(e => ((long)e!["id"]!).ToString(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal).ToArray();
        var (diffCode, diffOut, diffErr) = await CliRun.RunAsync("diff", ids[0], ids[1], "--repo", repo);
        Assert.True(diffCode is 0 or 1, diffOut + diffErr);
        Assert.Contains("ntp9.example.com", diffOut, StringComparison.Ordinal);
        var baseline = Path.Combine(site.Folder, "baseline.yaml");
        await File.WriteAllTextAsync(baseline, "default:\n  ntp-servers: [ntp9.example.com]\n");
        var drift = await JsonAsync(ExitCodes.Findings, "drift", "--baseline", baseline, "--repo", repo, "--json");
        Assert.Equal(2, (int)drift["summary"]!["drifted"]!);
        Assert.Equal("matches", (string?)drift["servers"]!.AsArray().Single(s => (string?)s!["serialNumber"] == serial)!["status"]);

        // Restore by serial: the iLO receives the newest backup's plaintext, byte for byte.
        var newest = history.MaxBy(e => (long)e!["id"]!)!;
        var received = new List<string>();
        using (emulated.Fleet.Overrides.Add(ilo.Index, "POST", "/cgi-bin/uploadRestoreFile", async (context, _, next) =>
        {
            context.Request.EnableBuffering();
            var form = await context.Request.ReadFormAsync();
            await using (var file = form.Files[0].OpenReadStream())
            {
                lock (received)
                {
                    received.Add(Convert.ToHexStringLower(SHA256.HashData(file)));
                }
            }

            context.Request.Body.Position = 0;
            await next(context);
        }))
        {
            var (restore, restoreOut, restoreErr) = await CliRun.RunAsync(
                "restore", ilo.BaseUrl.ToString(), "--repo", repo, "--yes", "--json",
                "--fingerprint", ilo.CertificateFingerprint, "--user", emulated.Fleet.AdminUser, "--password-file", emulated.Fleet.PasswordFile!,
                "--poll-interval", "100ms", "--deadline", "120s");
            Assert.True(restore == 0, restoreOut + restoreErr);
        }

        Assert.Equal([(string)newest["sha256"]!], received);

        // Prune keeps the newest per server; the catalog rebuilt from the store (in place) has the same rows.
        var pruned = await JsonAsync(0, "prune", "--repo", repo, "--keep-last", "1", "--json");
        Assert.NotNull(pruned);
        var kept = (await JsonAsync(0, "history", "--repo", repo, "--json")).AsArray();
        Assert.Equal(3, kept.Count);
        var keptHashes = kept.Select(e => (string)e!["sha256"]!).Order(StringComparer.Ordinal).ToArray();
        var (rebuild, rebuildOut, rebuildErr) = await CliRun.RunAsync("repo", "rebuild-catalog", "--repo", repo, "--force", "--json");
        Assert.True(rebuild == 0, rebuildOut + rebuildErr);
        var rebuilt = (await JsonAsync(0, "history", "--repo", repo, "--json")).AsArray();
        Assert.Equal(keptHashes, rebuilt.Select(e => (string)e!["sha256"]!).Order(StringComparer.Ordinal).ToArray());
        Assert.Contains(rebuilt, e => (string?)e!["serialNumber"] == serial);

        // verify passes, then finds one damaged object (rewritten behind the store's back).
        var (verify, verifyOut, verifyErr) = await CliRun.RunAsync("verify", "--repo", repo);
        Assert.True(verify == 0, verifyOut + verifyErr);
        await DamageOneObjectAsync(site);
        (verify, verifyOut, verifyErr) = await CliRun.RunAsync("verify", "--repo", repo, "--json");
        Assert.True(verify == ExitCodes.Failed, verifyOut + verifyErr);
        Assert.False((bool?)JsonNode.Parse(verifyOut)!["healthy"] ?? true, verifyOut + verifyErr);
    }

    private static async Task DamageOneObjectAsync(DescriptorSite site)
    {
        var objects = await site.StoredObjectsAsync();
        var (key, bytes) = objects.Where(o => o.Value.Length > 1000).OrderBy(o => o.Key, StringComparer.Ordinal).First();
        bytes[bytes.Length / 2] ^= 0x40;
        var path = site.S3 is { } s3 ? s3.FileOf(site.Bucket!, key) : Path.Combine(site.Folder, "objects", key);
        await File.WriteAllBytesAsync(path, bytes);
    }

    private static async Task<JsonNode> JsonAsync(int expected, params string[] args)
    {
        var (code, output, error) = await CliRun.RunAsync(args);
        Assert.True(code == expected, $"{string.Join(' ', args)}: exit {code}\n{output}{error}");
        return JsonNode.Parse(output)!;
    }
}
