using System.Diagnostics;

namespace IloBackup.Emulator.Tests.BackupRestore.Clients;

/// <summary>Runs a real client (curl, HPE's Python library, iLOrest) as a process, with a bounded wait.</summary>
internal static class ExternalClient
{
    public const string Python = "/usr/bin/python3";

    public static string ScriptsDirectory => Path.Combine(AppContext.BaseDirectory, "BackupRestore", "Clients");

    /// <summary>Why a client is missing (for Skip), or null when it is installed.</summary>
    public static string? Missing(string client) => client switch
    {
        "curl" => File.Exists("/usr/bin/curl") && File.Exists("/usr/bin/bash") ? null : "curl and bash are not installed (apt-get install -y curl)",
        "python3-ilorest" => File.Exists(Python) && Directory.Exists("/usr/lib/python3/dist-packages/redfish/rest")
            ? null
            : "HPE's Python Redfish library is not installed (apt-get install -y python3-ilorest)",
        "ilorest" => File.Exists("/usr/bin/ilorest") ? null : "iLOrest is not installed (apt-get install -y ilorest)",
        _ => throw new ArgumentOutOfRangeException(nameof(client)),
    };

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // iLOrest keeps its cache and log under HOME: one per test directory.
        start.Environment["HOME"] = workingDirectory;
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + fileName);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(fileName)} did not finish in time: {await output}{await error}");
        }

        return (process.ExitCode, await output, await error);
    }
}
