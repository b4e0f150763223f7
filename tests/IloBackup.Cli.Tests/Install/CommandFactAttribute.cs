namespace IloBackup.Cli.Tests.Install;

/// <summary>A test that runs external programs; skipped, naming the one missing, when they are not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CommandFactAttribute : FactAttribute
{
    public CommandFactAttribute(params string[] commands)
    {
        var missing = commands.Where(c => !(Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, c)))).ToList();
        if (missing.Count > 0)
        {
            Skip = $"not installed: {string.Join(", ", missing)} (apt-get install {string.Join(' ', missing)})";
        }
    }
}
