using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace IloBackup.Cli.Tests.Golden;

/// <summary>
/// Compares an output with its golden file under <c>Golden/files/</c> in the source tree. With
/// <c>ILOBACKUP_BLESS=1</c> the files are (re)written instead: review the diff, then commit.
/// </summary>
internal static partial class GoldenFiles
{
    public const string BlessVariable = "ILOBACKUP_BLESS";

    public static bool Blessing => Environment.GetEnvironmentVariable(BlessVariable) == "1";

    public static string Directory([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "files");

    /// <summary>Null when it matches (or was blessed); else a message naming the file and the first differing line.</summary>
    public static string? Check(string name, string actual)
    {
        var path = Path.Combine(Directory(), name);
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Blessing)
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return null;
        }

        if (!File.Exists(path))
        {
            return $"{name}: no golden file (run the tests with {BlessVariable}=1 to write it)";
        }

        var expected = File.ReadAllText(path);
        if (expected == actual)
        {
            return null;
        }

        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var line = Enumerable.Range(0, Math.Max(e.Length, a.Length)).First(i => i >= e.Length || i >= a.Length || e[i] != a[i]);
        return $"{name}: differs at line {line + 1}:\n  golden: {(line < e.Length ? e[line] : "<end>")}\n  actual: {(line < a.Length ? a[line] : "<end>")}\n"
            + $"(if the change is intended, run the tests with {BlessVariable}=1 and commit the files)";
    }

    /// <summary>Replaces what changes from run to run: times, SHA-256s, durations, the temporary folder.</summary>
    public static string Normalise(string text, string? folder = null)
    {
        if (folder is not null)
        {
            text = text.Replace(folder, "<DIR>", StringComparison.Ordinal);
        }

        text = Sha256().Replace(text, "<SHA256>");
        text = IsoTime().Replace(text, "<TIME>");
        return Seconds().Replace(text, "<SECONDS>");
    }

    [GeneratedRegex("[0-9a-f]{64}")]
    private static partial Regex Sha256();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?")]
    private static partial Regex IsoTime();

    [GeneratedRegex(@"""durationSeconds"":\s*[0-9.]+")]
    private static partial Regex Seconds();
}
