using IloBackup.Engine.Repository;

namespace IloBackup.Cli.Configuration;

/// <summary>The keys a config file may hold (docs/configuration.md); anything else is an error.</summary>
internal static class SettingKeys
{
    public static SettingKey Repo { get; } = new("repo", SettingKind.Path, "the backup repository (--repo)")
    {
        BuiltIn = _ => "./" + RepositoryLocation.DefaultDirectory,
        // The demo keeps its own throw-away repository: a configured one must never receive its backups.
        AppliesTo = path => path.Count == 0 || path[0] != "demo",
    };

    public static SettingKey User { get; } = new("user", SettingKind.Text, "iLO user name (--user; fleets: where the inventory names none)")
    {
        BuiltIn = _ => "Administrator",
    };

    public static SettingKey Concurrency { get; } = new("concurrency", SettingKind.Count, "iLOs worked on at once in fleet runs (--concurrency)")
    {
        BuiltIn = _ => "32",
    };

    public static SettingKey Deadline { get; } = new("deadline", SettingKind.Duration, "time allowed per iLO in fleet runs (fleet --deadline)")
    {
        BuiltIn = _ => "5m",
        // Only the fleet's per-iLO deadline (fleet verbs and serve's runs): restore's --deadline (waiting for the reset) means another thing.
        AppliesTo = path => path.Count > 0 && path[0] is "fleet" or "config" or "serve",
    };

    public static SettingKey Inventory { get; } = new("inventory", SettingKind.Path, "inventory file of fleet runs (--inventory)");

    public static SettingKey KnownHosts { get; } = new("known-hosts", SettingKind.Path, "pinned iLO certificates (TLS trust on first use)")
    {
        BuiltIn = env => System.IO.Path.Combine(Home(env), ".config", "ilobackup", "known_hosts"),
        SuppliesOption = false,
    };

    public static SettingKey PasswordEnv { get; } = new("password-env", SettingKind.VariableName, "name of the variable holding the iLO password")
    {
        BuiltIn = _ => "ILO_PASSWORD",
        SuppliesOption = false,
    };

    public static SettingKey PasswordFile { get; } = new("password-file", SettingKind.Path, "file holding the iLO password, when that variable is empty")
    {
        SuppliesOption = false,
    };

    /// <summary>The top-level keys (those <c>config show</c> takes flags for).</summary>
    public static IReadOnlyList<SettingKey> TopLevel { get; } = [Repo, User, Concurrency, Deadline, Inventory, KnownHosts, PasswordEnv, PasswordFile];

    /// <summary>Every key: the top-level ones, then the <c>serve:</c> section's (<see cref="ServeSettingKeys"/>).</summary>
    public static IReadOnlyList<SettingKey> All { get; } = [.. TopLevel, .. ServeSettingKeys.All];

    /// <summary>The section of the <c>serve</c> verb: its keys are <c>serve.*</c> (<see cref="ServeSettingKeys"/>).</summary>
    public const string Serve = "serve";

    /// <summary>Keys refused with a pointer to the reference keys: a config file never holds a secret.</summary>
    public static IReadOnlyList<string> Secrets { get; } = ["password", "file-password", "secret", "token"];

    public static SettingKey? Find(string name) => All.FirstOrDefault(k => k.Name == name);

    public static string Home(Func<string, string?> env) =>
        env("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
}
