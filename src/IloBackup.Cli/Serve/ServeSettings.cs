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
            ScheduleInterval = schedule.NextAfter(now) is { } first && schedule.NextAfter(first) is { } second ? second - first : null,
        };

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

        _ = ParsedSchedule;
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
