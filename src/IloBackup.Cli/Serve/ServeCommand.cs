using System.CommandLine;
using IloBackup.Cli.Fleet;
using IloBackup.Cli.Repository;

namespace IloBackup.Cli.Serve;

/// <summary>
/// <c>ilobackup serve --repo REPO --inventory FILE</c>: the fleet's backup service. Fleet backups on a cron schedule (one at a
/// time; <c>--once</c> does one run, for systemd timers), and a dashboard with metrics on 127.0.0.1:8080 over TLS.
/// Every option may come from the config file's <c>serve:</c> section instead (<see cref="ServeSettings"/>). See docs/serve.md.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CliConsole console) => Build(console).Command;

    /// <summary>The verb and its options (tests read <see cref="ServeSettings"/> from a parse of it).</summary>
    internal static (Command Command, ServeOptions Options) Build(CliConsole console)
    {
        var connection = new FleetConnectionOptions();
        var options = new ServeOptions
        {
            Repo = RepoCli.RepoOption(),
            Schedule = new("--schedule") { Description = "When to run, as cron (5 fields, or 6 with seconds)", DefaultValueFactory = _ => Configuration.ServeSettingKeys.DefaultSchedule, HelpName = "CRON" },
            TimeZone = new("--time-zone") { Description = "Time zone of the schedule (IANA name, default UTC)", HelpName = "TZ" },
            Jitter = new("--jitter") { Description = "Start each run up to this much later (e.g. 10m), the same delay after a restart", DefaultValueFactory = _ => "0", HelpName = "TIME" },
            Listen = new("--listen") { Description = "Address of the dashboard and metrics", DefaultValueFactory = _ => Configuration.ServeSettingKeys.DefaultListen, HelpName = "ADDRESS:PORT" },
            Once = new("--once") { Description = "Do one run now and exit with its exit code (for a systemd timer)" },
            Users = ServeUsersFile.Option(),
            TlsCert = new("--tls-cert") { Description = "The dashboard's certificate: PEM (with --tls-key) or PKCS#12 (default: a self-signed one kept in the repository)", HelpName = "FILE" },
            TlsKey = new("--tls-key") { Description = "The PEM private key of --tls-cert", HelpName = "FILE" },
            TlsPasswordFile = new("--tls-password-file")
            {
                Description = $"The password of an encrypted --tls-key or of a PKCS#12 --tls-cert (default: ${Configuration.ServeSettingKeys.TlsPasswordVariable})", HelpName = "FILE",
            },
            NoTls = new("--no-tls") { Description = "Plain HTTP (loopback only, behind a TLS proxy)" },
            Baseline = new("--baseline") { Description = "Baselines to hold servers against: drift on the dashboard and in the metrics (docs/drift.md)", HelpName = "FILE" },
            Runner = new("--runner")
            {
                Description = "This runner's name, recorded with each backup; runners sharing a PostgreSQL catalog back each server up once per planned run (default: the host name)",
                HelpName = "NAME",
            },
            Lease = new("--lease")
            {
                Description = "How long a server's lease lasts unless renewed, at least 10s (a dead runner's servers are taken over after it)",
                DefaultValueFactory = _ => Configuration.ServeSettingKeys.DefaultLease, HelpName = "TIME",
            },
            LeaseWait = new("--lease-wait")
            {
                Description = "How long a run waits, after its list, for servers other runners hold (default: --deadline plus --lease)", HelpName = "TIME",
            },
            RunId = new("--run-id")
            {
                Description = "With --once: this run's id; runners sharing a PostgreSQL catalog back each server up once per run (default: the newest slot of a given --schedule)",
                HelpName = "ID",
            },
            Connection = connection,
            Notify = new ServeNotifyOptions(),
        };
        var command = new Command("serve", "Run fleet backups on a schedule, with a dashboard, metrics and access control (docs/serve.md)");
        foreach (var option in new Option[] { connection.Inventory, options.Repo, options.Schedule, options.TimeZone, options.Jitter, options.Listen, options.Once, options.Users, options.TlsCert, options.TlsKey, options.TlsPasswordFile, options.NoTls, options.Baseline, options.Runner, options.Lease, options.LeaseWait, options.RunId })
        {
            command.Options.Add(option);
        }

        foreach (var option in new Option[] { connection.User, connection.PasswordFile, connection.PasswordStdin, connection.Concurrency, connection.Deadline, connection.Retries }
            .Concat(connection.Tls.All).Append(connection.Verbose).Concat(options.Notify.All))
        {
            command.Options.Add(option);
        }

        command.Subcommands.Add(ServeUserCommand.CreateUser(console));
        command.Subcommands.Add(ServeUserCommand.CreateToken(console));
        command.SetAction((parse, ct) => ServeRunner.RunAsync(console, options, parse, ct));
        return (command, options);
    }
}

/// <summary>The options of <c>serve</c>, read by <see cref="ServeRunner"/>.</summary>
internal sealed class ServeOptions
{
    public required Option<string?> Repo { get; init; }
    public required Option<string> Schedule { get; init; }
    public required Option<string?> TimeZone { get; init; }
    public required Option<string> Jitter { get; init; }
    public required Option<string> Listen { get; init; }
    public required Option<bool> Once { get; init; }
    public required Option<string?> Users { get; init; }
    public required Option<string?> TlsCert { get; init; }
    public required Option<string?> TlsKey { get; init; }
    public required Option<string?> TlsPasswordFile { get; init; }
    public required Option<bool> NoTls { get; init; }
    public required Option<string?> Baseline { get; init; }
    public required Option<string?> Runner { get; init; }
    public required Option<string> Lease { get; init; }
    public required Option<string?> LeaseWait { get; init; }
    public required Option<string?> RunId { get; init; }
    public required FleetConnectionOptions Connection { get; init; }
    public required ServeNotifyOptions Notify { get; init; }
}
