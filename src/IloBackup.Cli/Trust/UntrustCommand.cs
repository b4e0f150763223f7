using System.CommandLine;
using IloBackup.Redfish.Tls;

namespace IloBackup.Cli.Trust;

/// <summary><c>ilobackup untrust HOST</c>: removes the host's pin from the known hosts file (issue 15, safety 8).</summary>
internal static class UntrustCommand
{
    public static Command Create(CliConsole console)
    {
        var host = new Argument<string>("HOST") { Description = "The iLO: host, host:port or https://host:port" };
        var command = new Command("untrust", "Remove an iLO's certificate pin from the known hosts file (the next connection treats it as new)") { host };
        command.SetAction(async (parse, _) =>
        {
            var endpoint = PinnedHost.Endpoint(parse.GetValue(host));
            var known = new KnownHostsFile(Configuration.CliSettings.Of(parse).KnownHostsPath);
            if (known.Remove(endpoint.HostPort) is not { } removed)
            {
                await console.Error.WriteLineAsync($"error: {endpoint.HostPort} is not pinned in {known.Path}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            await console.Out.WriteLineAsync($"removed the pin of {endpoint.HostPort} ({removed.Fingerprint}, line {removed.Line}) from {known.Path}").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
