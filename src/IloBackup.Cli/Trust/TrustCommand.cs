using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using IloBackup.Cli.Output;
using IloBackup.Redfish;
using IloBackup.Redfish.Tls;

namespace IloBackup.Cli.Trust;

/// <summary>
/// <c>ilobackup trust HOST [--fingerprint SHA256:... | --trust-new]</c> and <c>trust --list</c>: the
/// certificate pins of the known hosts file (issue 15, safety 8). <c>untrust HOST</c> is <see cref="UntrustCommand"/>.
/// </summary>
internal static class TrustCommand
{
    public static Command Create(CliConsole console)
    {
        var host = new Argument<string?>("HOST") { Description = "The iLO: host, host:port or https://host:port", Arity = ArgumentArity.ZeroOrOne };
        var fingerprint = new Option<string?>("--fingerprint")
        {
            Description = "Pin this fingerprint (checked on the iLO itself), replacing the host's pin; no connection", HelpName = "SHA256",
        };
        var trustNew = new Option<bool>("--trust-new") { Description = "Connect, and pin the certificate the iLO presents if the host has no pin yet" };
        var list = new Option<bool>("--list") { Description = "List the pinned certificates" };
        var json = new Option<bool>("--json") { Description = Output.CommonOptions.JsonDescription };
        var command = new Command(
            "trust",
            "Pin an iLO's certificate in the known hosts file, or show what it presents (--list: every pin). Without --fingerprint "
            + "or --trust-new it connects, shows the certificate and its pin, and changes nothing")
        {
            host, fingerprint, trustNew, list, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var known = new KnownHostsFile(Configuration.CliSettings.Of(parse).KnownHostsPath);
            if (parse.GetValue(list))
            {
                if (parse.GetValue(host) is not null || parse.GetValue(fingerprint) is not null || parse.GetValue(trustNew))
                {
                    throw new CliUsageException("--list takes no HOST, --fingerprint or --trust-new");
                }

                await WriteListAsync(console, known, parse.GetValue(json)).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var endpoint = PinnedHost.Endpoint(parse.GetValue(host));
            var given = parse.GetValue(fingerprint);
            if (given is not null && parse.GetValue(trustNew))
            {
                throw new CliUsageException("give --fingerprint or --trust-new, not both");
            }

            if (given is not null)
            {
                if (CertificateFingerprint.Normalize(given) is null)
                {
                    throw new CliUsageException("--fingerprint: not a SHA256 fingerprint (SHA256:AB:CD:...)");
                }

                var old = known.FindEntry(endpoint.HostPort);
                if (old is not null && CertificateFingerprint.AreEqual(old.Fingerprint, given))
                {
                    await console.Out.WriteLineAsync($"{endpoint.HostPort} is already pinned to {old.Fingerprint} in {known.Path}, line {old.Line}").ConfigureAwait(false);
                    return ExitCodes.Ok;
                }

                known.Replace(endpoint.HostPort, given);
                await console.Out.WriteLineAsync($"pinned {endpoint.HostPort} to {given} in {known.Path}"
                    + (old is null ? string.Empty : $" (replaced {old.Fingerprint}, line {old.Line})")).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(TimeSpan.FromSeconds(30));
            var presented = await CertificateProbe.ReadAsync(endpoint, deadline.Token).ConfigureAwait(false);
            return await TrustPresentedAsync(console, known, endpoint, presented, pin: parse.GetValue(trustNew)).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> TrustPresentedAsync(CliConsole console, KnownHostsFile known, RedfishEndpoint endpoint, UnknownCertificate presented, bool pin)
    {
        var old = known.FindEntry(endpoint.HostPort);
        CliOutput.WriteFacts(console, $"{endpoint.HostPort} presents", [
            ("fingerprint", presented.Fingerprint),
            ("subject", presented.Subject),
            ("issuer", presented.Issuer),
            ("expires", presented.NotAfter.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("pinned", old is null ? "no" : $"{old.Fingerprint} ({known.Path}, line {old.Line})"),
        ]);
        if (old is not null && !CertificateFingerprint.AreEqual(old.Fingerprint, presented.Fingerprint))
        {
            await console.Error.WriteLineAsync(
                $"error: {endpoint.HostPort} presents {presented.Fingerprint} but {old.Fingerprint} is pinned in {known.Path}, line {old.Line}. "
                + $"If the change is expected (system board or certificate replaced), check the new fingerprint on the iLO itself, then: "
                + $"ilobackup trust {endpoint.HostPort} --fingerprint {presented.Fingerprint}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        if (old is not null)
        {
            await console.Out.WriteLineAsync("the pin matches").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        if (!pin)
        {
            await console.Out.WriteLineAsync(
                $"not pinned: check the fingerprint on the iLO itself, then: ilobackup trust {endpoint.HostPort} --fingerprint {presented.Fingerprint}").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        known.Add(endpoint.HostPort, presented.Fingerprint);
        await console.Out.WriteLineAsync($"pinned {endpoint.HostPort} to {presented.Fingerprint} in {known.Path}").ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static async Task WriteListAsync(CliConsole console, KnownHostsFile known, bool json)
    {
        var pins = known.List();
        if (json)
        {
            await CliOutput.WriteJsonAsync(console, new JsonObject
            {
                ["file"] = known.Path,
                ["pins"] = new JsonArray([.. pins.Select(p => (JsonNode)new JsonObject { ["host"] = p.HostPort, ["fingerprint"] = p.Fingerprint, ["line"] = p.Line })]),
            }).ConfigureAwait(false);
            return;
        }

        if (pins.Count == 0)
        {
            await console.Out.WriteLineAsync($"no pinned certificates in {known.Path}").ConfigureAwait(false);
            return;
        }

        await console.Out.WriteLineAsync($"# {known.Path}").ConfigureAwait(false);
        foreach (var p in pins)
        {
            await console.Out.WriteLineAsync($"{p.HostPort} {p.Fingerprint} (line {p.Line})").ConfigureAwait(false);
        }
    }
}
