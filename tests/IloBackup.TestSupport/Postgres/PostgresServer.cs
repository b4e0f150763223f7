using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Xunit;

namespace IloBackup.TestSupport.Postgres;

/// <summary>
/// One real PostgreSQL (Debian's, /usr/lib/postgresql/N/bin) per test process: <c>initdb</c> into a temporary folder as
/// the <c>postgres</c> user when running as root (initdb refuses root), then <c>pg_ctl start</c> on 127.0.0.1 and a free
/// port, its unix socket in the same folder. TCP logins need a password (SCRAM), so the tests go through the
/// password file like a user would. Each test takes a fresh database (<see cref="CreateDatabaseAsync"/>). Stopped and
/// removed when the process exits. When PostgreSQL is missing or does not start, <see cref="SkipReason"/> says why.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<PostgresServer?> SharedServer = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static string? _skipReason;

    private PostgresServer(string folder, string bin, int port, string passwordFile)
    {
        Folder = folder;
        BinDirectory = bin;
        Port = port;
        PasswordFile = passwordFile;
    }

    /// <summary>The shared server, started on first use; null when it cannot run (see <see cref="SkipReason"/>).</summary>
    public static PostgresServer? Shared => SharedServer.Value;

    public static string? SkipReason => Shared is null ? _skipReason : null;

    public string Folder { get; }
    public string BinDirectory { get; }
    public int Port { get; }

    /// <summary>The superuser <c>postgres</c>'s password, in a file (what <c>password_file=</c> names).</summary>
    public string PasswordFile { get; }

    /// <summary>A new, empty database; its URL names the password file (never the password).</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(AdminConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name};", connection);
        await command.ExecuteNonQueryAsync();
        return Url(name);
    }

    public string Url(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"postgresql://postgres@127.0.0.1:{Port}/{database}?password_file={Uri.EscapeDataString(PasswordFile)}");

    public string AdminConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = Port, Database = database, Username = "postgres", Password = File.ReadAllText(PasswordFile).Trim(), Pooling = false,
        }.ConnectionString;

    /// <summary>Starts a program of PostgreSQL's (psql, …) with the password in its environment, stdin redirected.</summary>
    public Process StartTool(string tool, params string[] arguments)
    {
        var info = new ProcessStartInfo(Path.Combine(BinDirectory, tool))
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["PGPASSWORD"] = File.ReadAllText(PasswordFile).Trim();
        return Process.Start(info)!;
    }

    private static PostgresServer? Start()
    {
        // ILOBACKUP_POSTGRES_BIN names another installation's bin folder; else Debian's newest.
        var configured = Environment.GetEnvironmentVariable("ILOBACKUP_POSTGRES_BIN");
        var candidates = configured is { Length: > 0 } ? [configured]
            : Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            : [];
        var bin = candidates.Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            .OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault();
        if (bin is null)
        {
            _skipReason = configured is { Length: > 0 }
                ? $"ILOBACKUP_POSTGRES_BIN={configured} holds no initdb and pg_ctl"
                : "PostgreSQL is not installed (apt-get install postgresql); .ci/run installs it";
            return null;
        }

        var root = Environment.UserName == "root";
        RemoveLeftovers();
        var folder = Directory.CreateTempSubdirectory("ilobackup-pg-").FullName;
        try
        {
            var passwordFile = Path.Combine(folder, "password");
            File.WriteAllText(passwordFile, Guid.NewGuid().ToString("N") + "\n");
            if (root && Run("chown", "-R", "postgres:postgres", folder) is { } chownError)
            {
                throw new InvalidOperationException(chownError);
            }

            var data = Path.Combine(folder, "data");
            RunAsOwner(root, Path.Combine(bin, "initdb"), "-D", data, "-U", "postgres", "--pwfile", passwordFile, "-E", "UTF8",
                "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync", "--no-instructions");
            var port = FreePort();
            RunAsOwner(root, Path.Combine(bin, "pg_ctl"), "-D", data, "-l", Path.Combine(folder, "log"), "-w", "-t", "60", "-o",
                string.Create(CultureInfo.InvariantCulture, $"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off -c max_connections=200"),
                "start");
            var server = new PostgresServer(folder, bin, port, passwordFile);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop(root, data);
            return server;
        }
        catch (InvalidOperationException e)
        {
            var log = Path.Combine(folder, "log");
            _skipReason = $"PostgreSQL did not start: {e.Message}" + (File.Exists(log) ? " | log: " + string.Join(" / ", File.ReadLines(log).TakeLast(3)) : string.Empty);
            Directory.Delete(folder, recursive: true);
            return null;
        }
    }

    /// <summary>
    /// Stops the server and removes its folder in a process of its own session (setsid), not waited for: the test host
    /// may be ended right after its exit handlers start, and this must still finish.
    /// </summary>
    private void Stop(bool root, string data)
    {
        var stop = $"{Path.Combine(BinDirectory, "pg_ctl")} -D '{data}' -m immediate -w stop >/dev/null 2>&1; rm -rf '{Folder}'";
        var info = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var argument in root ? ["runuser", "-u", "postgres", "--", "sh", "-c", stop] : new[] { "sh", "-c", stop })
        {
            info.ArgumentList.Add(argument);
        }

        using var cleanup = Process.Start(info);
    }

    /// <summary>Folders of earlier runs whose server is no longer running (the test host may exit before its cleanup ends).</summary>
    private static void RemoveLeftovers()
    {
        foreach (var old in Directory.GetDirectories(Path.GetTempPath(), "ilobackup-pg-*"))
        {
            var idle = TimeProvider.System.GetUtcNow().UtcDateTime - Directory.GetLastWriteTimeUtc(old);
            if (!File.Exists(Path.Combine(old, "data", "postmaster.pid")) && idle > TimeSpan.FromMinutes(10))
            {
                try
                {
                    Directory.Delete(old, recursive: true);
                }
                catch (IOException)
                {
                    // Another test process may be creating it right now.
                }
            }
        }
    }

    private static void RunAsOwner(bool root, string program, params string[] arguments)
    {
        var error = root ? Run("runuser", ["-u", "postgres", "--", program, .. arguments]) : Run(program, arguments);
        if (error is not null)
        {
            throw new InvalidOperationException(error);
        }
    }

    /// <summary>Runs a program to its end; returns null on success, else what went wrong.</summary>
    private static string? Run(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? null : $"{Path.GetFileName(program)} exited with {process.ExitCode}: {error.Trim()} {output.GetAwaiter().GetResult().Trim()}".Trim();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A test that needs the real PostgreSQL; skipped with the reason when it is not installed or does not start.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.Shared is null)
        {
            Skip = PostgresServer.SkipReason;
        }
    }
}
