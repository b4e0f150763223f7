namespace IloBackup.Emulator.Tests;

/// <summary>A test that runs external commands; skipped, saying which one is missing, when they are not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CommandFactAttribute : FactAttribute
{
    public CommandFactAttribute(params string[] commands)
    {
        var missing = commands.Where(c => !Exists(c)).ToList();
        if (missing.Count > 0)
        {
            Skip = $"not installed: {string.Join(", ", missing)} (apt-get install {string.Join(' ', missing)})";
        }
    }

    internal static bool Exists(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, name)));
}
