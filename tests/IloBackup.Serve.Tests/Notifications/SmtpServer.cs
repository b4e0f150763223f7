using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IloBackup.Serve.Tests.Notifications;

/// <summary>
/// Debian's aiosmtpd (<c>python3 -m aiosmtpd</c>) on 127.0.0.1, storing every mail it receives in a maildir. Tests that
/// need it are <see cref="SmtpFactAttribute"/>s: skipped, saying what to install, when it is missing.
/// </summary>
internal sealed class SmtpServer : IAsyncDisposable
{
    private readonly Process _process;

    private SmtpServer(Process process, int port, string maildir)
    {
        _process = process;
        Port = port;
        Maildir = maildir;
    }

    public int Port { get; }
    public string Maildir { get; }

    /// <summary>A python3 that has aiosmtpd, or null.</summary>
    public static string? Python { get; } = new[] { "/usr/bin/python3", "python3" }.FirstOrDefault(HasAiosmtpd);

    public static async Task<SmtpServer> StartAsync(string directory)
    {
        var maildir = Path.Combine(directory, "maildir");
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo(Python!)
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", maildir },
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        var process = Process.Start(start)!;
        var server = new SmtpServer(process, port, maildir);
        await TestSupport.Polling.UntilAsync(() => process.HasExited || server.Accepts(), "aiosmtpd listening", 30_000);
        if (process.HasExited)
        {
            Assert.Fail($"aiosmtpd exited: {await process.StandardError.ReadToEndAsync()}");
        }

        return server;
    }

    /// <summary>The mails received so far (maildir <c>new/</c>), as their raw text.</summary>
    public IReadOnlyList<string> Mails() =>
        Directory.Exists(Path.Combine(Maildir, "new"))
            ? Directory.GetFiles(Path.Combine(Maildir, "new")).Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList()
            : [];

    public async ValueTask DisposeAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private bool Accepts()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool HasAiosmtpd(string python)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(python) { ArgumentList = { "-c", "import aiosmtpd" }, RedirectStandardError = true, UseShellExecute = false })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

/// <summary>A test that needs aiosmtpd; skipped with the reason when no python3 has it.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class SmtpFactAttribute : FactAttribute
{
    public SmtpFactAttribute()
    {
        if (SmtpServer.Python is null)
        {
            Skip = "aiosmtpd is not installed (apt-get install -y python3-aiosmtpd)";
        }
    }
}
