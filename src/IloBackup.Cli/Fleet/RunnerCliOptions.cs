using System.CommandLine;
using IloBackup.Engine.Fleet;
using IloBackup.Engine.Fleet.Leases;
using IloBackup.Engine.Repository;
using IloBackup.Engine.Repository.Postgres;

namespace IloBackup.Cli.Fleet;

/// <summary>
/// <c>--runner NAME</c>, <c>--run-id ID</c>, <c>--lease TIME</c> and <c>--lease-wait TIME</c> of <c>fleet backup</c> (issue 20):
/// several runners on one PostgreSQL catalog back each server up once per named run. On a SQLite catalog the runner only
/// labels rows and there are no leases.
/// </summary>
internal sealed class RunnerCliOptions
{
    public Option<string?> Runner { get; } = new("--runner")
    {
        Description = "This runner's name, recorded with each backup and its leases (default: the host name)", HelpName = "NAME",
    };

    public Option<string?> RunId { get; } = new("--run-id")
    {
        Description = "The run this backup belongs to: runners sharing a PostgreSQL catalog back each server up once per run", HelpName = "ID",
    };

    public Option<string> Lease { get; } = new("--lease")
    {
        Description = "How long a server's lease lasts unless renewed (a dead runner's servers are taken over after it)",
        DefaultValueFactory = _ => "2m", HelpName = "TIME",
    };

    public Option<string?> LeaseWait { get; } = new("--lease-wait")
    {
        Description = "How long to wait, after the list, for servers other runners hold (default: --deadline plus --lease)", HelpName = "TIME",
    };

    public IEnumerable<Option> All => [Runner, RunId, Lease, LeaseWait];

    /// <summary>The settings step: names and durations checked before anything is opened (exit 2).</summary>
    public RunnerSettings Settings(ParseResult parse)
    {
        var named = parse.GetValue(Runner);
        var name = named ?? Environment.MachineName;
        var run = parse.GetValue(RunId);
        foreach (var (option, value) in new[] { ("--runner", name), ("--run-id", run) })
        {
            if (value is not null && (value.Length is 0 or > 128 || value.Any(char.IsControl) || value.Trim().Length != value.Length))
            {
                throw new CliUsageException($"{option} must be 1 to 128 printable characters without leading or trailing spaces");
            }
        }

        var lease = Connection.DurationText.Parse(parse.GetValue(Lease)!, "--lease");
        var wait = parse.GetValue(LeaseWait) is { } w ? Connection.DurationText.Parse(w, "--lease-wait", TimeSpan.FromSeconds(1), allowZero: true) : (TimeSpan?)null;
        return new RunnerSettings(name, run, lease, wait) { Named = named is not null };
    }
}

/// <summary>What <see cref="RunnerCliOptions"/> read.</summary>
internal sealed record RunnerSettings(string Runner, string? RunId, TimeSpan Lease, TimeSpan? LeaseWait)
{
    /// <summary>True when <c>--runner</c> was given: the report names the runner (it always does with <c>--run-id</c>).</summary>
    public bool Named { get; init; }

    /// <summary>The backup options: leases when the run is named and the catalog is PostgreSQL.</summary>
    public FleetBackupOptions Apply(FleetBackupOptions options, BackupRepository repository, FleetRunnerOptions runner)
    {
        IRunLeases? leases = RunId is null ? null : PostgresLeases.For(repository, RunId, Runner, Lease);
        return new FleetBackupOptions
        {
            StaleOnly = options.StaleOnly,
            RecordFailures = options.RecordFailures,
            RunId = RunId,
            Runner = Named || RunId is not null ? Runner : null,
            Leases = leases,
            LeaseWait = LeaseWait ?? runner.HostDeadline + Lease,
        };
    }
}
