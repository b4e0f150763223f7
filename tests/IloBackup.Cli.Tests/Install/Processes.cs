using System.Diagnostics;

namespace IloBackup.Cli.Tests.Install;

/// <summary>Runs a program to its end (bash, groff, or the built CLI as a child process with its own environment).</summary>
internal static class Processes
{
    public static async Task<(int Code, string Out, string Err)> RunAsync(
        string program, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>
    /// The already-built CLI (<c>ilobackup.dll</c> beside the tests) in a child process whose config
    /// environment is only what the test gives: no ILOBACKUP_* or ILO_PASSWORD of the machine, HOME and
    /// XDG_CONFIG_HOME inside <paramref name="home"/>.
    /// </summary>
    public static Task<(int Code, string Out, string Err)> CliAsync(
        string home, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal) { ["HOME"] = home, ["XDG_CONFIG_HOME"] = null, ["ILO_PASSWORD"] = null };
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(n => n.StartsWith("ILOBACKUP_", StringComparison.Ordinal)))
        {
            env[name] = null;
        }

        foreach (var (name, value) in environment)
        {
            env[name] = value;
        }

        return RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "ilobackup.dll"), .. args], env, home);
    }
}
