using IloBackup.Engine.Secrets;
using System.CommandLine;
using IloBackup.Engine.Fleet;
using IloBackup.Engine.Inventory;
using IloBackup.Redfish;
using IloBackup.Redfish.Credentials;
using Microsoft.Extensions.Logging;

namespace IloBackup.Cli.Fleet;

/// <summary>
/// The options every fleet verb shares: how to log in (inventory references, else <c>--user</c> and
/// <c>ILO_PASSWORD</c> / <c>--password-file</c> / <c>--password-stdin</c>: never a password in argv),
/// how to trust certificates, and how hard to try.
/// </summary>
internal sealed class FleetConnectionOptions
{
    public const string PasswordVariable = "ILO_PASSWORD";

    public Option<string> Inventory { get; } = new("--inventory")
    {
        Description = "Inventory file: YAML, CSV or a plain list of hosts (docs/development.md)", HelpName = "FILE", Required = true,
    };

    public Option<string?> User { get; } = new("--user", "-u") { Description = "iLO user name where the inventory names none (default Administrator)", HelpName = "NAME" };
    public Option<string?> Tags { get; } = new("--tags") { Description = "Only the iLOs with one of these inventory tags (comma-separated)", HelpName = "TAG,..." };
    public Option<string?> Limit { get; } = new("--limit") { Description = "Only the iLOs whose address, host name or serial matches (comma-separated; * and ? wildcards)", HelpName = "PATTERN,..." };
    public Option<string?> PasswordFile { get; } = new("--password-file") { Description = $"File holding the iLO password (else ${PasswordVariable})", HelpName = "FILE" };
    public Option<bool> PasswordStdin { get; } = new("--password-stdin") { Description = "Read the iLO password from the first line of stdin" };
    public Option<int> Concurrency { get; } = new("--concurrency") { Description = "iLOs worked on at once", DefaultValueFactory = _ => 32, HelpName = "N" };
    public Option<string> Deadline { get; } = new("--deadline") { Description = "Time allowed per iLO, retries included (e.g. 90s, 5m)", DefaultValueFactory = _ => "5m", HelpName = "TIME" };
    public Option<int> Retries { get; } = new("--retries") { Description = "Further attempts after a transient failure", DefaultValueFactory = _ => 2, HelpName = "N" };
    public Connection.TlsOptions Tls { get; } = new(singleHost: false);
    public Option<bool> Json { get; } = Output.CommonOptions.Json();
    public Option<string?> Html { get; } = new("--html") { Description = "Also write an HTML report, one row per iLO", HelpName = "FILE" };
    public Option<bool> Verbose { get; } = Output.CommonOptions.Verbose();

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Inventory, Tags, Limit, User, PasswordFile, PasswordStdin, Concurrency, Deadline, Retries }.Concat(Tls.All).Concat([Json, Html, Verbose]))
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The settings step: the command line read and checked before any I/O (exit 2 on a mistake).</summary>
    public FleetSettings Settings(ParseResult parse) => FleetSettings.From(parse, this).Validate();

    /// <summary>The inventory's iLOs chosen by <c>--tags</c> and <c>--limit</c>; none chosen is a usage error.</summary>
    public async Task<IReadOnlyList<InventoryHost>> HostsAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        var inventory = await FleetInventoryFile.LoadAsync(parse.GetValue(Inventory)!, cancellationToken).ConfigureAwait(false);
        var hosts = InventorySelection.Apply(inventory.Hosts, parse.GetValue(Tags), parse.GetValue(Limit));
        var endpoints = hosts.Select(h => RedfishEndpoint.Parse(h.BaseUri.ToString())).ToArray();
        foreach (var endpoint in endpoints)
        {
            Connection.SchemeCheck.Check(endpoint);
        }

        if (endpoints.Select(Connection.SchemeCheck.Warning).OfType<string>().ToArray() is { Length: > 0 } clear)
        {
            await console.Error.WriteLineAsync(clear.Length == 1 ? clear[0]
                : $"{clear[0]} (and {clear.Length - 1} more iLOs of the inventory on plain HTTP)").ConfigureAwait(false);
        }

        return hosts.Count > 0 || inventory.Hosts.Count == 0
            ? hosts
            : throw new CliUsageException($"no iLO of the inventory ({inventory.Hosts.Count}) matches --tags/--limit");
    }

    /// <summary>
    /// Refuses, before any iLO is contacted, a run where no iLO would have a password (none given and
    /// none in the inventory): each would otherwise fail on its own at run time. When only some lack
    /// one, the others are still backed up and those fail with the reason (a nightly run is not lost
    /// for one new host).
    /// </summary>
    public static void CheckCredentials(IReadOnlyList<InventoryHost> hosts, RedfishIloConnectorOptions connector)
    {
        var without = hosts.Where(h => h.Password is null && connector.DefaultCredential is null).Select(h => h.Address).ToArray();
        if (without.Length > 0 && without.Length == hosts.Count)
        {
            var named = string.Join(", ", without.Take(3)) + (without.Length > 3 ? $" and {without.Length - 3} more" : string.Empty);
            throw new CliUsageException(
                $"no iLO password for {without.Length} of {hosts.Count} iLOs ({named}): set ${PasswordVariable}, give --password-file or --password-stdin, "
                + "or password-env/password-file in the inventory");
        }
    }

    public async Task<RedfishIloConnectorOptions> ConnectorAsync(
        ParseResult parse, CliConsole console, string? filePassword, bool snapshot, CancellationToken cancellationToken, long? maxBackupBytes = null)
    {
        var tls = Tls.Policy(parse, console, prompt: null);
        var user = parse.GetValue(User) ?? "Administrator";
        var password = await PasswordAsync(parse, console, cancellationToken).ConfigureAwait(false);
        return new RedfishIloConnectorOptions
        {
            Tls = tls,
            DefaultUser = user,
            DefaultCredential = password is null ? null : new RedfishCredential(user, password),
            FilePassword = filePassword,
            IncludeSnapshot = snapshot,
            Tool = $"ilobackup/{CliApp.Version}",
            // One layer per kind of failure (docs/client.md "Retries"): --retries is the client's budget for
            // the failures it retries itself, and the runner's for the rest (a session the iLO ended).
            // One request may take at most a third of an iLO's deadline, so a silent iLO is reported as
            // "no answer" with time left for a retry, not only as a missed deadline.
            Client = new RedfishClientOptions
            {
                MaxRetries = parse.GetValue(Retries),
                MaxBackupBytes = maxBackupBytes ?? RedfishClientOptions.DefaultMaxBackupBytes,
                RequestTimeout = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(60).Ticks,
                    FleetSettings.From(parse, this).HostDeadline.Ticks / 3)),
            },
            LoggerFactory = new Connection.StderrLoggerFactory(console.Error, parse.GetValue(Verbose) ? LogLevel.Debug : LogLevel.Warning),
        };
    }

    private async Task<string?> PasswordAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        var file = parse.GetValue(PasswordFile); // --password-file with --password-stdin: refused by FleetSettings.Validate
        if (file is not null)
        {
            return await Connection.CliSecrets.ReadAsync(SecretSource.FromFile(file), console, "--password-file", cancellationToken).ConfigureAwait(false);
        }

        if (parse.GetValue(PasswordStdin))
        {
            return await Connection.CliSecrets.ReadAsync(SecretSource.FromStdin(), console, "--password-stdin", cancellationToken).ConfigureAwait(false);
        }

        // $ILO_PASSWORD (or the variable the config's password-env names), else the config's password-file.
        return await Configuration.CliSettings.Of(parse).PasswordAsync(cancellationToken).ConfigureAwait(false);
    }
}
