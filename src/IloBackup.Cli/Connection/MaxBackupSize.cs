using System.CommandLine;
using IloBackup.Redfish;

namespace IloBackup.Cli.Connection;

/// <summary><c>--max-backup-size</c>: the largest backup file a verb downloads (64 MiB by default; real files are about 15 KB).</summary>
internal static class MaxBackupSize
{
    public static Option<string?> Create() => new("--max-backup-size")
    {
        Description = "Largest backup file accepted from an iLO (default 64MiB; real ones are about 15 KB)", HelpName = "SIZE",
    };

    public static long Read(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) is { } text ? SizeText.Parse(text, "--max-backup-size") : RedfishClientOptions.DefaultMaxBackupBytes;
}
