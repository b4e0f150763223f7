using System.CommandLine;
using System.Net;
using IloBackup.Cli.Configuration;
using IloBackup.Cli.Fleet;
using IloBackup.Engine.Repository;
using IloBackup.Serve.Scheduling;

namespace IloBackup.Cli.Serve;

/// <summary>
/// The settings step of <c>serve</c>: flags, else the config file's <c>serve:</c> section (or its variables), else the
/// built-in values, read without I/O (<see cref="From"/>), then checked by <see cref="Validate"/> before the inventory, a
/// secret or a certificate is read and before the repository or an iLO is touched. Every value keeps where it came from,
/// so an error names the flag or the file and line.
/// </summary>
internal sealed record ServeSettings
{
    public required string Repository { get; init; }
    public required string Inventory { get; init; }
    public Given Schedule { get; init; }
    public Given TimeZone { get; init; }
    public Given Jitter { get; init; }
    public Given Listen { get; init; }
    public bool Once { get; init; }

    /// <summary>This runner's name (<c>--runner</c>, <c>serve.runner</c>, else the host name).</summary>
    public Given Runner { get; init; }

    /// <summary>How long a lease lasts (<c>--lease</c>, <c>serve.lease</c>, default 2m; at least 10 s).</summary>
    public Given Lease { get; init; }

    /// <summary>How long a run waits for servers other runners hold (<c>--lease-wait</c>, <c>serve.lease-wait</c>; unset: deadline plus lease).</summary>
    public Given LeaseWait { get; init; }

    /// <summary>The id of the one run of <c>--once</c> (<c>--run-id</c>); null: the schedule's newest slot, or a fresh id.</summary>
    public string? RunId { get; init; }

    /// <summary>Whether a schedule was given (flag, variable or file) rather than the built-in one: <c>--once</c> then takes its slot.</summary>
    public bool ScheduleGiven { get; init; }

    /// <summary>False with <c>--no-tls</c> or <c>tls: false</c> in the section.</summary>
    public bool Tls { get; init; } = true;
    public string TlsLabel { get; init; } = "--no-tls";
    public Given TlsCertificate { get; init; }
    public Given TlsKey { get; init; }
    public ServeSecret? TlsPassword { get; init; }
    public required string UsersFile { get; init; }

    /// <summary>The drift baselines file (<c>serve.baseline</c>, or <c>--baseline</c> where the verb has it); null when none.</summary>
    public string? Baseline { get; init; }
    public required ServeNotifySettings Notify { get; init; }
    public required FleetSettings Fleet { get; init; }

    public static ServeSettings From(ParseResult parse, ServeOptions options)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(options);
        var source = new ServeSource(parse, CliSettings.Of(parse));
        var settings = source.Settings;
        var certificate = source.Read(options.TlsCert, ServeSettingKeys.TlsCertificate);
        var tlsOffInFile = source.FromSettings(ServeSettingKeys.Tls) && SettingValue.IsFalse(settings[ServeSettingKeys.Tls].Value!);
        var tls = !parse.GetValue(options.NoTls) && !(tlsOffInFile && !source.IsGiven(options.TlsCert));
        var baselineOption = parse.CommandResult.Command.Options.OfType<Option<string>>().FirstOrDefault(o => o.Name == ServeSettingKeys.Baseline.OptionName);
        return new ServeSettings
        {
            Repository = RepositoryLocation.Resolve(parse.GetValue(options.Repo)),
            Inventory = parse.GetValue(options.Connection.Inventory)!,
            Schedule = source.Read(options.Schedule, ServeSettingKeys.Schedule),
            TimeZone = source.Read(options.TimeZone, ServeSettingKeys.TimeZone),
            Jitter = source.Read(options.Jitter, ServeSettingKeys.Jitter),
            Listen = source.Read(options.Listen, ServeSettingKeys.Listen),
            Once = parse.GetValue(options.Once),
            Runner = source.Read(options.Runner, ServeSettingKeys.Runner),
            Lease = source.Read(options.Lease, ServeSettingKeys.Lease),
            LeaseWait = source.Read(options.LeaseWait, ServeSettingKeys.LeaseWait),
            RunId = parse.GetValue(options.RunId),
            ScheduleGiven = source.IsGiven(options.Schedule) || source.FromSettings(ServeSettingKeys.Schedule),
            Tls = tls,
            TlsLabel = parse.GetValue(options.NoTls) ? options.NoTls.Name : settings[ServeSettingKeys.Tls].Named(),
            TlsCertificate = certificate,
            TlsKey = source.Read(options.TlsKey, ServeSettingKeys.TlsKey),
            TlsPassword = tls && certificate.Value is not null
                ? source.Secret(options.TlsPasswordFile, ServeSettingKeys.TlsPasswordFile, ServeSettingKeys.TlsPasswordEnv)
                : null,
            UsersFile = ServeUsersFile.Path(parse.GetValue(options.Users), parse.GetValue(options.Repo)),
            // Until the verb has --baseline (issue 18, drift), the section's value is carried here; with the flag, the layer made it its default.
            Baseline = baselineOption is not null ? parse.GetValue(baselineOption) : settings[ServeSettingKeys.Baseline].Value,
            Notify = ServeNotifySettings.From(source, options.Notify),
            Fleet = FleetSettings.From(parse, options.Connection),
        };
    }

    /// <summary>The schedule, its time zone and jitter (checked by <see cref="Validate"/>).</summary>
    public BackupSchedule ParsedSchedule
    {
        get
        {
            var jitter = Connection.DurationText.Parse(Jitter.Value!, Jitter.Label, TimeSpan.FromSeconds(1), allowZero: true);
            var label = Schedule.Label;
            try
            {
                BackupSchedule.Parse(Schedule.Value!, null, TimeSpan.Zero);
                label = TimeZone.Value is null ? Jitter.Label : TimeZone.Label;
                return BackupSchedule.Parse(Schedule.Value!, TimeZone.Value, jitter);
            }
            catch (FormatException ex)
            {
                throw new CliUsageException($"{label}: {ex.Message}", ex);
            }
        }
    }

    /// <summary>This runner, its leases and its schedule's interval (the time between the next two planned runs).</summary>
    public IloBackup.Serve.Runs.ServeRunnerIdentity Identity(BackupSchedule schedule, DateTimeOffset now) =>
        new(Runner.Value ?? Environment.MachineName)
        {
            Lease = ParsedLease,
            LeaseWait = ParsedLeaseWait,
            ScheduleInterval = schedule.NextAfter(now) is { } first && schedule.NextAfter(first) is { } second ? second - first : null,
        };

    /// <summary>The lease's duration (checked by <see cref="Validate"/>: at least <see cref="IloBackup.Serve.Runs.ServeRunnerIdentity.MinimumLease"/>).</summary>
    public TimeSpan ParsedLease
    {
        get
        {
            var lease = Connection.DurationText.Parse(Lease.Value!, Lease.Label);
            var minimum = IloBackup.Serve.Runs.ServeRunnerIdentity.MinimumLease;
            return lease >= minimum
                ? lease
                : throw new CliUsageException($"{Lease.Label} must be at least {minimum.TotalSeconds:0}s (it is renewed every third of it; a shorter one may lapse on a busy machine and its server be backed up twice)");
        }
    }

    /// <summary>The wait for other runners' leases (null: the deadline plus the lease); 0 is allowed (report at once).</summary>
    public TimeSpan? ParsedLeaseWait =>
        LeaseWait.Value is { } wait ? Connection.DurationText.Parse(wait, LeaseWait.Label, TimeSpan.FromSeconds(1), allowZero: true) : null;

    /// <summary>
    /// The slot and run id of <c>--once</c>: <c>--run-id</c>; else, with a schedule given, the newest slot at or before
    /// <paramref name="now"/> (a timer firing at the schedule's moment on every site names the same run, even a little late);
    /// else neither (a fresh <c>manual-…</c> id).
    /// </summary>
    public (DateTimeOffset? Slot, string? RunId) OnceRun(BackupSchedule schedule, DateTimeOffset now) =>
        RunId is not null ? (null, RunId) : ScheduleGiven ? (schedule.NewestSlotAtOrBefore(now), null) : (null, null);

    /// <summary>The address to listen on (checked by <see cref="Validate"/>).</summary>
    public IPEndPoint Endpoint => ServeListen.Parse(Listen.Value!, Tls, Listen.Label, TlsLabel);

    /// <summary>Refuses (exit 2) a configuration that cannot work; touches nothing but looks whether named files exist.</summary>
    public ServeSettings Validate()
    {
        Fleet.Validate();
        if (Runner.Value is { } name && (name.Length is 0 or > 128 || name.Any(char.IsControl) || name.Trim().Length != name.Length))
        {
            throw new CliUsageException($"{Runner.Label} must be 1 to 128 printable characters without leading or trailing spaces");
        }

        if (RunId is { } run && (run.Length is 0 or > 128 || run.Any(char.IsControl) || run.Trim().Length != run.Length))
        {
            throw new CliUsageException("--run-id must be 1 to 128 printable characters without leading or trailing spaces");
        }

        if (RunId is not null && !Once)
        {
            throw new CliUsageException("--run-id names one run: use it with --once (the service names each scheduled run by its slot)");
        }

        _ = ParsedSchedule;
        _ = ParsedLease;
        _ = ParsedLeaseWait;
        _ = Endpoint;
        if (Tls && TlsKey.Value is not null && TlsCertificate.Value is null)
        {
            throw new CliUsageException($"{TlsKey.Label} needs a certificate (--tls-cert, or tls.certificate in the config file)");
        }

        if (Tls && TlsCertificate.Value is { } certificate && !File.Exists(certificate))
        {
            throw new CliUsageException($"{TlsCertificate.Label}: no file {certificate}");
        }

        Notify.Validate();
        return this;
    }
}
