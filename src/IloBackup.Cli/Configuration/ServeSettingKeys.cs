namespace IloBackup.Cli.Configuration;

/// <summary>
/// The keys of the config file's <c>serve:</c> section, named by their path (docs/serve.md, "Configuration"). Those
/// with a flag of <c>serve</c> supply its default through <see cref="SettingsLayer"/> (so a flag still wins); the others
/// (secret references, <c>tls: false</c>, the SMTP port, the per-channel events) are read by <c>Serve/ServeSettings</c>.
/// </summary>
internal static class ServeSettingKeys
{
    public const string DefaultSchedule = "0 2 * * *";
    public const string DefaultListen = "127.0.0.1:8080";
    public const string DefaultLease = "2m";
    public const string DefaultEvents = "backup-failed,configuration-changed,suspect-backup,run-finished";
    public const string DefaultThrottle = "15m";
    public const string WebhookSecretVariable = "ILOBACKUP_WEBHOOK_SECRET";
    public const string SmtpPasswordVariable = "ILOBACKUP_SMTP_PASSWORD";
    public const string TlsPasswordVariable = "ILOBACKUP_TLS_PASSWORD";

    public static SettingKey Repo { get; } = Flag("repo", SettingKind.Path, "--repo", "the service's repository (else repo)") with { Fallback = SettingKeys.Repo };
    public static SettingKey Inventory { get; } = Flag("inventory", SettingKind.Path, "--inventory", "the service's inventory (else inventory)") with { Fallback = SettingKeys.Inventory };
    public static SettingKey Schedule { get; } = Flag("schedule", SettingKind.Cron, "--schedule", "when runs start, as cron") with { BuiltIn = _ => DefaultSchedule };
    public static SettingKey TimeZone { get; } = Flag("time-zone", SettingKind.TimeZone, "--time-zone", "time zone of the schedule") with { BuiltIn = _ => "UTC" };
    public static SettingKey Jitter { get; } = Flag("jitter", SettingKind.DurationOrZero, "--jitter", "start each run up to this much later") with { BuiltIn = _ => "0" };
    public static SettingKey Listen { get; } = Flag("listen", SettingKind.Endpoint, "--listen", "address of the dashboard and metrics") with { BuiltIn = _ => DefaultListen };
    public static SettingKey Users { get; } = Flag("users", SettingKind.Path, "--users", "the users file (default: serve/users in the repository)");
    public static SettingKey Baseline { get; } = Flag("baseline", SettingKind.Path, "--baseline", "the drift baselines (YAML)");
    public static SettingKey Runner { get; } = Flag("runner", SettingKind.Text, "--runner", "this runner's name, recorded with each backup (default: the host name)");
    public static SettingKey Lease { get; } = Flag("lease", SettingKind.Duration, "--lease", "how long a server's lease lasts unless renewed (at least 10s)") with { BuiltIn = _ => DefaultLease };
    public static SettingKey LeaseWait { get; } = Flag("lease-wait", SettingKind.DurationOrZero, "--lease-wait", "how long a run waits for servers other runners hold (default: deadline plus lease)");
    public static SettingKey Tls { get; } = Own("tls", SettingKind.Switch, "false: plain HTTP on loopback (--no-tls)") with { BuiltIn = _ => "true" };
    public static SettingKey TlsCertificate { get; } = Flag("tls.certificate", SettingKind.Path, "--tls-cert", "the dashboard's certificate (PEM or PKCS#12)");
    public static SettingKey TlsKey { get; } = Flag("tls.key", SettingKind.Path, "--tls-key", "the PEM private key of the certificate");
    public static SettingKey TlsPasswordFile { get; } = Flag("tls.password-file", SettingKind.Path, "--tls-password-file", "file holding the password of the key or PKCS#12 file");
    public static SettingKey TlsPasswordEnv { get; } = Own("tls.password-env", SettingKind.VariableName, "name of the variable holding that password") with { BuiltIn = _ => TlsPasswordVariable };
    public static SettingKey Events { get; } = Flag("notify.events", SettingKind.Events, "--notify", "events every channel sends") with { BuiltIn = _ => DefaultEvents };
    public static SettingKey Throttle { get; } = Flag("notify.throttle", SettingKind.DurationOrZero, "--notify-throttle", "at most one message per event kind in this time") with { BuiltIn = _ => DefaultThrottle };
    public static SettingKey WebhookUrl { get; } = Flag("notify.webhook.url", SettingKind.Url, "--webhook", "the webhook's URL");
    public static SettingKey WebhookSecretFile { get; } = Flag("notify.webhook.secret-file", SettingKind.Path, "--webhook-secret-file", "file holding the webhook's HMAC secret");
    public static SettingKey WebhookSecretEnv { get; } = Own("notify.webhook.secret-env", SettingKind.VariableName, "name of the variable holding the webhook's secret") with { BuiltIn = _ => WebhookSecretVariable };
    public static SettingKey WebhookEvents { get; } = Flag("notify.webhook.events", SettingKind.Events, "--webhook-events", "events the webhook sends (else notify.events)");
    public static SettingKey MailServer { get; } = Flag("notify.mail.server", SettingKind.Text, "--smtp", "the SMTP server, HOST or HOST:PORT");
    public static SettingKey MailPort { get; } = Own("notify.mail.port", SettingKind.Port, "the SMTP server's port (default 587)");
    public static SettingKey MailFrom { get; } = Flag("notify.mail.from", SettingKind.Text, "--mail-from", "the sender of the mails");
    public static SettingKey MailTo { get; } = Flag("notify.mail.to", SettingKind.List, "--mail-to", "the recipients (a list)");
    public static SettingKey MailUser { get; } = Flag("notify.mail.user", SettingKind.Text, "--smtp-user", "sign in to the SMTP server as this user");
    public static SettingKey MailPasswordFile { get; } = Flag("notify.mail.password-file", SettingKind.Path, "--smtp-password-file", "file holding the SMTP password");
    public static SettingKey MailPasswordEnv { get; } = Own("notify.mail.password-env", SettingKind.VariableName, "name of the variable holding the SMTP password") with { BuiltIn = _ => SmtpPasswordVariable };
    public static SettingKey MailCa { get; } = Flag("notify.mail.ca", SettingKind.Path, "--smtp-ca", "CA certificates (PEM) the SMTP server's certificate must chain to");
    public static SettingKey MailEvents { get; } = Flag("notify.mail.events", SettingKind.Events, "--mail-events", "events the mail sends (else notify.events)");

    public static IReadOnlyList<SettingKey> All { get; } =
    [
        Repo, Inventory, Schedule, TimeZone, Jitter, Listen, Users, Baseline, Runner, Lease, LeaseWait, Tls, TlsCertificate, TlsKey, TlsPasswordFile, TlsPasswordEnv,
        Events, Throttle, WebhookUrl, WebhookSecretFile, WebhookSecretEnv, WebhookEvents,
        MailServer, MailPort, MailFrom, MailTo, MailUser, MailPasswordFile, MailPasswordEnv, MailCa, MailEvents,
    ];

    /// <summary>What to write instead of an inline secret under <paramref name="section"/> (a path: <c>serve.notify.webhook</c>).</summary>
    public static string InsteadOfSecret(string section, string name) =>
        name.Contains("token", StringComparison.OrdinalIgnoreCase)
            ? "bearer tokens are kept hashed in the users file: make one with 'ilobackup serve token add NAME --role viewer' and name the file with 'users: PATH'"
            : section.EndsWith(".webhook", StringComparison.Ordinal)
                ? "name a file with 'secret-file: PATH' or a variable with 'secret-env: NAME'"
                : section.EndsWith(".mail", StringComparison.Ordinal) || section.EndsWith(".tls", StringComparison.Ordinal)
                    ? "name a file with 'password-file: PATH' or a variable with 'password-env: NAME'"
                    : "name a file (a '...-file: PATH' key) or a variable (a '...-env: NAME' key) of the section it belongs to";

    /// <summary>A key name that can only hold a secret: password, secret, token, passphrase, or one ending in -password, -secret, -token.</summary>
    public static bool IsSecretName(string name)
    {
        var lower = name.ToLowerInvariant();
        return lower is "password" or "secret" or "token" or "passphrase" or "pass" or "api-key" or "key-password"
            || lower.EndsWith("-password", StringComparison.Ordinal) || lower.EndsWith("-secret", StringComparison.Ordinal)
            || lower.EndsWith("-token", StringComparison.Ordinal) || lower.EndsWith("-passphrase", StringComparison.Ordinal);
    }

    private static SettingKey Flag(string path, SettingKind kind, string option, string meaning) =>
        new(SettingKeys.Serve + "." + path, kind, $"{meaning} ({option})") { Option = option, AppliesTo = InServe };

    private static SettingKey Own(string path, SettingKind kind, string meaning) =>
        new(SettingKeys.Serve + "." + path, kind, meaning) { SuppliesOption = false, AppliesTo = InServe };

    private static bool InServe(IReadOnlyList<string> path) => path.Count > 0 && path[0] == SettingKeys.Serve;
}
