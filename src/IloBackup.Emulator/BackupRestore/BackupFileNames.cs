using System.Globalization;
using System.Text.RegularExpressions;

namespace IloBackup.Emulator.BackupRestore;

/// <summary>Names of backup files in the iLO's NAND: <c>HPE_&lt;serial&gt;_&lt;YYYYMMDD&gt;_&lt;HHMM&gt;.bak</c> (§3).</summary>
public static partial class BackupFileNames
{
    /// <summary>Where the files are served: <c>/bkupdata/&lt;name&gt;</c>.</summary>
    public const string UriPrefix = "/bkupdata/";

    /// <summary>The name of a backup of server <paramref name="serial"/> made at <paramref name="time"/> (iLO clock).</summary>
    public static string For(string serial, DateTimeOffset time) =>
        string.Create(CultureInfo.InvariantCulture, $"HPE_{serial}_{time.UtcDateTime:yyyyMMdd}_{time.UtcDateTime:HHmm}.bak");

    /// <summary>True for a backup file name (and nothing else: no path, no other file of the NAND).</summary>
    public static bool IsBackupName(string? name) => name is not null && Pattern().IsMatch(name);

    /// <summary>The member id of a file in the <c>BackupFiles</c> collection: its name without <c>.bak</c>.</summary>
    public static string IdOf(string name) => name[..^4];

    /// <summary>The file name of a <c>BackupFiles</c> member id.</summary>
    public static string NameOf(string id) => id + ".bak";

    [GeneratedRegex(@"^HPE_[A-Za-z0-9]{1,32}_[0-9]{8}_[0-9]{4}\.bak$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Pattern();
}
