using System.CommandLine;
using IloBackup.Cli.Configuration;
using IloBackup.Cli.Serve;
using IloBackup.Engine.Secrets;
using IloBackup.Serve.Notifications;

namespace IloBackup.Cli.Tests.Serve;

/// <summary>
/// The config file's <c>serve:</c> section as a library: the verb's own options under the settings layer, parsed, and read
/// into <see cref="ServeSettings"/> with a given environment. Every key reaches the record; a flag beats it; secrets are
/// places (a file, a variable), never values.
/// </summary>
public sealed class ServeConfigSettingsTests : IDisposable
{
    private const string FullSection = """
        repo: backups/main
        inventory: ~/racks.yaml
        serve:
          repo: backups/serve
          inventory: fleet.yaml
          schedule: "30 1 * * 1-5"
          time-zone: Europe/Berlin
          jitter: 10m
          listen: 0.0.0.0:8443
          users: access/users
          baseline: baselines.yaml
          tls:
            certificate: tls/cert.pem
            key: tls/key.pem
            password-env: SITE_TLS_PW
          notify:
            events: [backup-failed, configuration-changed]
            throttle: 5m
            webhook:
              url: https://hooks.example.com/ilo
              secret-file: secrets/hook
              events: [backup-failed, suspect-backup]
            mail:
              server: mail.example.com
              port: 2525
              from: ilo@example.com
              to: [ops@example.com, oncall@example.com]
              user: ilo-mailer
              password-file: secrets/smtp
              events: run-finished
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("ilobackup-serveconf-").FullName;

    public ServeConfigSettingsTests()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "tls"));
        File.WriteAllText(Path.Combine(_directory, "tls", "cert.pem"), "not read by the settings step");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Without_a_flag_every_key_of_the_section_reaches_the_settings()
    {
        var settings = Read(FullSection, [], ("SITE_TLS_PW", "tls-password-value"));

        Assert.Equal(In("backups/serve"), settings.Repository);
        Assert.Equal(In("fleet.yaml"), settings.Inventory);
        Assert.Equal("30 1 * * 1-5", settings.Schedule.Value);
        Assert.Equal("Europe/Berlin", settings.ParsedSchedule.Zone.Id);
        Assert.Equal(TimeSpan.FromMinutes(10), settings.ParsedSchedule.Jitter);
        Assert.Equal("0.0.0.0:8443", settings.Endpoint.ToString());
        Assert.Equal(In("access/users"), settings.UsersFile);
        Assert.Equal(In("baselines.yaml"), settings.Baseline);
        Assert.True(settings.Tls);
        Assert.Equal(In("tls/cert.pem"), settings.TlsCertificate.Value);
        Assert.Equal(In("tls/key.pem"), settings.TlsKey.Value);
        Assert.Equal((SecretSourceKind.Environment, "SITE_TLS_PW"), (settings.TlsPassword!.Source.Kind, settings.TlsPassword.Source.Location));
        var notify = settings.Notify;
        Assert.Equal(TimeSpan.FromMinutes(5), notify.ThrottleTime);
        Assert.Equal("https://hooks.example.com/ilo", notify.Webhook.Value);
        Assert.Equal((SecretSourceKind.File, In("secrets/hook")), (notify.WebhookSecret!.Source.Kind, notify.WebhookSecret.Source.Location));
        Assert.Equal([NotificationKind.BackupFailed, NotificationKind.SuspectBackup], notify.WebhookKinds.Order());
        Assert.Equal(("mail.example.com", 2525), notify.SmtpEndpoint);
        Assert.Equal("ilo@example.com", notify.MailFrom.Value);
        Assert.Equal(["ops@example.com", "oncall@example.com"], notify.MailTo);
        Assert.Equal("ilo-mailer", notify.SmtpUser.Value);
        Assert.Equal((SecretSourceKind.File, In("secrets/smtp")), (notify.SmtpPassword!.Source.Kind, notify.SmtpPassword.Source.Location));
        Assert.Equal([NotificationKind.RunFinished], notify.MailKinds);

        // Where each came from is kept for messages: the key and its line.
        Assert.Equal($"serve.listen (file {Config}:9)", settings.Listen.Label);
        Assert.Equal($"serve.notify.webhook.secret-file (file {Config}:21)", notify.WebhookSecret.Label);
    }

    [Fact]
    public void A_flag_beats_the_section()
    {
        var secret = Path.Combine(_directory, "flag-secret");
        var settings = Read(FullSection,
            ["--repo", "/flag/repo", "--inventory", "/flag/fleet.yaml", "--schedule", "0 4 * * *", "--time-zone", "UTC", "--jitter", "0",
             "--listen", "127.0.0.1:9443", "--users", "/flag/users", "--no-tls", "--webhook", "https://flag.example.com/h", "--webhook-secret-file", secret,
             "--smtp", "relay.example.com:465", "--mail-from", "flag@example.com", "--mail-to", "a@example.com,b@example.com", "--notify-throttle", "0",
             "--notify", "run-finished"],
            ("SITE_TLS_PW", "unused"));

        Assert.Equal("/flag/repo", settings.Repository);
        Assert.Equal("/flag/fleet.yaml", settings.Inventory);
        Assert.Equal(("0 4 * * *", "--schedule"), (settings.Schedule.Value, settings.Schedule.Label));
        Assert.Equal(TimeZoneInfo.Utc, settings.ParsedSchedule.Zone);
        Assert.Equal(TimeSpan.Zero, settings.ParsedSchedule.Jitter);
        Assert.Equal("127.0.0.1:9443", settings.Endpoint.ToString());
        Assert.Equal("/flag/users", settings.UsersFile);
        Assert.False(settings.Tls);
        Assert.Null(settings.TlsPassword);
        Assert.Equal((SecretSourceKind.File, secret), (settings.Notify.WebhookSecret!.Source.Kind, settings.Notify.WebhookSecret.Source.Location));
        // A server given as a flag brings its own port: the section's port goes with the section's server.
        Assert.Equal(("relay.example.com", 465), settings.Notify.SmtpEndpoint);
        Assert.Equal(["a@example.com", "b@example.com"], settings.Notify.MailTo);
        Assert.Equal(TimeSpan.Zero, settings.Notify.ThrottleTime);
        // --notify given on the command line beats each channel's events in the file.
        Assert.Equal([NotificationKind.RunFinished], settings.Notify.WebhookKinds);
        Assert.Equal([NotificationKind.RunFinished], settings.Notify.MailKinds);

        var perChannel = Read(FullSection, ["--notify", "run-finished", "--webhook-events", "configuration-changed"], ("SITE_TLS_PW", "x"));
        Assert.Equal([NotificationKind.ConfigurationChanged], perChannel.Notify.WebhookKinds);
        Assert.Equal([NotificationKind.RunFinished], perChannel.Notify.MailKinds);
    }

    [Fact]
    public void The_section_beats_the_top_level_keys_and_its_variables_beat_the_file()
    {
        var settings = Read("repo: top\ninventory: top.yaml\nserve:\n  listen: 127.0.0.1:8443\n", [], ("ILOBACKUP_SERVE_LISTEN", "127.0.0.1:9000"));
        Assert.Equal(In("top"), settings.Repository);
        Assert.Equal(In("top.yaml"), settings.Inventory);
        Assert.Equal("127.0.0.1:9000", settings.Endpoint.ToString());
        Assert.Equal("serve.listen (env ILOBACKUP_SERVE_LISTEN)", settings.Listen.Label);
        Assert.Null(settings.Baseline);
        Assert.Equal(ServeSettingKeys.DefaultSchedule, settings.Schedule.Value);
        // No channel configured: nothing to send, no secret needed.
        Assert.Null(settings.Notify.Webhook.Value);
        Assert.Null(settings.Notify.Smtp.Value);
    }

    [Fact]
    public void Secrets_come_from_the_variable_the_section_names_or_the_default_variable()
    {
        const string Hook = "serve:\n  inventory: f.yaml\n  notify:\n    webhook:\n      url: https://h.example.com/\n";
        var named = Read(Hook + "      secret-env: RACK_HOOK_SECRET\n", [], ("RACK_HOOK_SECRET", "s"));
        Assert.Equal((SecretSourceKind.Environment, "RACK_HOOK_SECRET"), (named.Notify.WebhookSecret!.Source.Kind, named.Notify.WebhookSecret.Source.Location));
        var byDefault = Read(Hook, [], (ServeSettingKeys.WebhookSecretVariable, "s"));
        Assert.Equal((SecretSourceKind.Environment, ServeSettingKeys.WebhookSecretVariable), (byDefault.Notify.WebhookSecret!.Source.Kind, byDefault.Notify.WebhookSecret.Source.Location));

        var unset = Assert.Throws<CliUsageException>(() => Read(Hook + "      secret-env: RACK_HOOK_SECRET\n", []));
        Assert.Equal($"serve.notify.webhook.secret-env (file {Config}:6): the variable RACK_HOOK_SECRET is not set", unset.Message);
        var none = Assert.Throws<CliUsageException>(() => Read(Hook, []));
        Assert.StartsWith($"serve.notify.webhook.url (file {Config}:5) needs a secret", none.Message, StringComparison.Ordinal);
        var both = Assert.Throws<CliUsageException>(() => Read(Hook + "      secret-env: RACK_HOOK_SECRET\n      secret-file: s\n", [], ("RACK_HOOK_SECRET", "s")));
        Assert.Contains("give one place for the secret, not both", both.Message, StringComparison.Ordinal);

        var mail = "serve:\n  inventory: f.yaml\n  notify:\n    mail:\n      server: 127.0.0.1:2525\n      from: a@example.com\n      to: b@example.com\n      user: u\n";
        Assert.Equal(ServeSettingKeys.SmtpPasswordVariable, Read(mail, [], (ServeSettingKeys.SmtpPasswordVariable, "p")).Notify.SmtpPassword!.Source.Location);
        Assert.Contains("--smtp-user needs a password", Assert.Throws<CliUsageException>(() => Read(mail, [])).Message, StringComparison.Ordinal);
        var twice = Assert.Throws<CliUsageException>(() => Read(mail + "      port: 25\n", [], (ServeSettingKeys.SmtpPasswordVariable, "p")));
        Assert.Contains("names a port and so does serve.notify.mail.port", twice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tls_false_in_the_section_is_plain_http_on_loopback_only()
    {
        var plain = Read("serve:\n  inventory: f.yaml\n  tls: false\n", []);
        Assert.False(plain.Tls);
        var error = Assert.Throws<CliUsageException>(() => Read("serve:\n  inventory: f.yaml\n  tls: false\n  listen: 0.0.0.0:8080\n", []));
        Assert.StartsWith($"serve.tls (file {Config}:3): plain HTTP is only allowed on a loopback address", error.Message, StringComparison.Ordinal);
        Assert.Contains($"not serve.listen (file {Config}:4) 0.0.0.0:8080", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_key_with_a_flag_names_an_option_of_serve_the_layer_can_supply()
    {
        var (command, _) = ServeCommand.Build(new CliConsole(TextWriter.Null, TextWriter.Null, TextReader.Null, isInteractive: false));
        var missing = ServeSettingKeys.All.Where(k => k.SuppliesOption)
            .Where(k => command.Options.FirstOrDefault(o => o.Name == k.OptionName) is not (Option<string> or Option<string[]>))
            .Select(k => $"{k.Name} -> {k.OptionName}")
            .ToList();
        Assert.Empty(missing);
    }

    private string Config => Path.Combine(_directory, "config.yaml");

    private string In(string relative) => Path.Combine(_directory, relative);

    private ServeSettings Read(string yaml, string[] flags, params (string Name, string Value)[] variables)
    {
        File.WriteAllText(Config, yaml);
        var env = variables.ToDictionary(v => v.Name, v => v.Value);
        env.TryAdd("HOME", _directory);
        string[] args = ["serve", "--config", Config, .. flags];
        var (command, options) = ServeCommand.Build(new CliConsole(TextWriter.Null, TextWriter.Null, TextReader.Null, isInteractive: false));
        var root = new RootCommand { command };
        root.Options.Add(new Option<string?>(ConfigLocation.Option) { Recursive = true });
        SettingsLayer.Apply(root, CliSettings.Load(args, name => env.GetValueOrDefault(name)));
        var parse = root.Parse(args);
        Assert.Empty(parse.Errors);
        return ServeSettings.From(parse, options).Validate();
    }
}
