using System.CommandLine;

namespace IloBackup.Cli.Help;

/// <summary>
/// The examples every verb's <c>--help</c> ends its description with, by command path. A verb
/// without any fails <c>Every_verb_has_examples</c> (tests/IloBackup.Cli.Tests/Help): add its lines here.
/// </summary>
internal static class VerbExamples
{
    private const string Marker = "\n\nExamples:\n";

    private static readonly Dictionary<string, string[]> Examples = new(StringComparer.Ordinal)
    {
        [""] = ["ilobackup backup ilo1.lab -o /srv/ilo/", "ilobackup fleet backup --inventory fleet.yaml --repo /srv/ilo-backups", "ilobackup demo"],
        ["emulator"] = ["ilobackup emulator --count 10 --inventory-out fleet.yaml", "ilobackup emulator --generation 6 --http --port 8080"],
        ["backup"] = ["ILO_PASSWORD=... ilobackup backup ilo1.lab -o /srv/ilo/", "ilobackup backup ilo1.lab --password-file ~/.ilo-pw --json"],
        ["restore"] = [
            "ilobackup restore ilo1.lab HPE_MXQ1234567_20261101_0200.bak --dry-run",
            "ilobackup restore ilo1.lab --repo /srv/ilo-backups --yes",
        ],
        ["custom-backup"] = ["ilobackup custom-backup ilo1.lab", "ilobackup custom-backup ilo1.lab --enable"],
        ["nand"] = ["ilobackup nand ilo1.lab list", "ilobackup nand ilo1.lab restore 1 --yes"],
        ["inspect"] = ["ilobackup inspect HPE_MXQ1234567_20261101_0200.bak", "ilobackup inspect backup.bak --json --snapshot"],
        ["diff"] = ["ilobackup diff old.bak new.bak", "ilobackup diff 12 15 --repo /srv/ilo-backups"],
        ["history"] = ["ilobackup history --repo /srv/ilo-backups", "ilobackup history --serial MXQ1234567 --limit 5 --json"],
        ["show"] = ["ilobackup show 12 --repo /srv/ilo-backups", "ilobackup show 12 --json"],
        ["drift"] = [
            "ilobackup drift --baseline baseline.yaml --repo /srv/ilo-backups --inventory fleet.yaml",
            "ilobackup drift --baseline baseline.yaml --json",
        ],
        ["verify"] = ["ilobackup verify --repo /srv/ilo-backups", "ilobackup verify --json"],
        ["prune"] = ["ilobackup prune --keep-last 10 --keep-within 90d --dry-run", "ilobackup prune --orphans --grace 7d"],
        ["repo"] = ["ilobackup repo restore-catalog --repo /srv/ilo-backups", "ilobackup repo rebuild-catalog --repo /srv/ilo-backups"],
        ["repo rebuild-catalog"] = ["ilobackup repo rebuild-catalog --repo /srv/ilo-backups", "ilobackup repo rebuild-catalog --force"],
        ["repo restore-catalog"] = ["ilobackup repo restore-catalog --repo /srv/ilo-backups"],
        ["repo migrate"] = [
            "ilobackup repo migrate --from /srv/ilo-backups --to /etc/ilobackup/shared-repo.yaml",
            "ilobackup repo migrate --from shared-repo.yaml --to /srv/ilo-backups-copy --json",
        ],
        ["repo key"] = ["ilobackup repo key create --out /root/ilobackup-repo.key"],
        ["repo key create"] = ["ilobackup repo key create --out /root/ilobackup-repo.key", "ilobackup repo key create --out ~/.config/ilobackup/repo.key --json"],
        ["fleet"] = ["ilobackup fleet backup --inventory fleet.yaml --repo /srv/ilo-backups", "ilobackup fleet custom-backup --inventory fleet.yaml"],
        ["fleet backup"] = [
            "ilobackup fleet backup --inventory fleet.yaml --repo /srv/ilo-backups --html report.html",
            "ilobackup fleet backup --inventory fleet.yaml --tags rack1 --limit 'ilo-1*' --stale-only --json",
        ],
        ["fleet custom-backup"] = [
            "ilobackup fleet custom-backup --inventory fleet.yaml",
            "ilobackup fleet custom-backup --inventory fleet.yaml --tags prod --enable",
        ],
        ["trust"] = ["ilobackup trust ilo1.lab", "ilobackup trust ilo1.lab --fingerprint SHA256:...", "ilobackup trust --list"],
        ["untrust"] = ["ilobackup untrust ilo1.lab"],
        ["serve"] = [
            "ilobackup serve --repo /srv/ilo-backups --inventory fleet.yaml --schedule \"0 2 * * *\"",
            "ilobackup serve --repo /srv/ilo-backups --inventory fleet.yaml --once",
            "ilobackup serve --config /etc/ilobackup/config.yaml   # everything from its serve: section",
        ],
        ["serve user"] = ["ilobackup serve user add alice --role operator --repo /srv/ilo-backups"],
        ["serve user add"] = ["ilobackup serve user add alice --role operator --repo /srv/ilo-backups", "ilobackup serve user add bob --role viewer --password-stdin"],
        ["serve token"] = ["ilobackup serve token add prometheus --role viewer --repo /srv/ilo-backups"],
        ["serve token add"] = ["ilobackup serve token add prometheus --role viewer --repo /srv/ilo-backups"],
        ["demo"] = ["ilobackup demo", "ilobackup demo --count 20 --generation 6 --keep"],
        ["config"] = ["ilobackup config show", "ilobackup config show --json"],
        ["config show"] = ["ilobackup config show", "ilobackup config show --config ./ilobackup.yaml --json"],
        ["completion"] = ["source <(ilobackup completion bash)", "ilobackup completion zsh > ~/.zfunc/_ilobackup"],
        ["help"] = ["ilobackup help fleet backup", "ilobackup help --man > ilobackup.1"],
    };

    /// <summary>Appends "Examples:" to the description of every command of the tree that has some.</summary>
    public static void AddTo(Command root)
    {
        ArgumentNullException.ThrowIfNull(root);
        Add(root, string.Empty);
    }

    /// <summary>A description without the examples appended to it (for the man page).</summary>
    public static string? Summary(string? description)
    {
        var cut = description?.IndexOf(Marker, StringComparison.Ordinal) ?? -1;
        return cut < 0 ? description : description![..cut];
    }

    /// <summary>The examples of the command at <paramref name="path"/> (e.g. <c>fleet backup</c>), or none.</summary>
    public static IReadOnlyList<string> Of(string path) => Examples.TryGetValue(path, out var lines) ? lines : [];

    private static void Add(Command command, string path)
    {
        if (Examples.TryGetValue(path, out var lines))
        {
            command.Description += Marker + string.Join('\n', lines.Select(l => "  " + l));
        }

        foreach (var sub in command.Subcommands)
        {
            Add(sub, path.Length == 0 ? sub.Name : $"{path} {sub.Name}");
        }
    }
}
