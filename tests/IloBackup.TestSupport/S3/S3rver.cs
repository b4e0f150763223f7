using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.S3;
using IloBackup.Engine.Repository.S3;
using Xunit;

namespace IloBackup.TestSupport.S3;

/// <summary>
/// npm's <c>s3rver</c> (3.7.1) on 127.0.0.1, a free port and a temporary folder: a real S3-compatible server for the
/// S3 store's tests. It is looked for in <c>$ILOBACKUP_S3RVER_DIR</c> or <c>~/.cache/ilobackup-tests/s3rver</c>
/// (where <c>.ci/run</c> installs it); when missing there and npm is present, it is installed there once. Tests that
/// need it are <see cref="S3FactAttribute"/>s: skipped with the reason when it cannot be had.
/// </summary>
public sealed class S3rver : IAsyncLifetime
{
    public const string AccessKey = "S3RVER"; // s3rver's fixed test credentials
    public const string SecretKey = "S3RVER";
    private static readonly Lazy<string?> Problem = new(Install);
    private Process? _process;
    private int _buckets;

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("s3rver-").FullName;
    public int Port { get; private set; }
    public Uri Endpoint => new($"http://127.0.0.1:{Port}/");

    /// <summary>Why s3rver cannot run here, or null when it can (installs it on first use).</summary>
    public static string? Unavailable => Problem.Value;

    public static string InstallDirectory =>
        Environment.GetEnvironmentVariable("ILOBACKUP_S3RVER_DIR") is { Length: > 0 } dir ? dir
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "ilobackup-tests", "s3rver");

    private static string Script => Path.Combine(InstallDirectory, "node_modules", "s3rver", "bin", "s3rver.js");

    public async Task InitializeAsync()
    {
        if (Unavailable is not null)
        {
            return; // the tests skip: nothing to start
        }

        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { Script, "--address", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--directory", Path.Combine(Directory, "data"), "--silent" },
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "data"));
        _process = Process.Start(start)!;
        await TestSupport.Polling.UntilAsync(() => _process.HasExited || Accepts(), "s3rver listening", 30_000);
        if (_process.HasExited)
        {
            Assert.Fail($"s3rver exited: {await _process.StandardError.ReadToEndAsync()}");
        }
    }

    /// <summary>A fresh bucket (one per test) and the settings of a store in it.</summary>
    public async Task<S3StoreSettings> NewBucketAsync(string prefix = "repo/", bool sdkDefaults = false)
    {
        var bucket = $"test-{Interlocked.Increment(ref _buckets)}-{Guid.NewGuid():N}"[..30];
        using var client = Client();
        await client.PutBucketAsync(bucket);
        return new S3StoreSettings
        {
            Bucket = bucket, Prefix = prefix, Endpoint = Endpoint, Region = "us-east-1", PathStyle = true,
            Credentials = new S3Credentials(AccessKey, SecretKey), SdkDefaults = sdkDefaults,
        };
    }

    /// <summary>A plain client for tests that look at the bucket behind the store's back.</summary>
    public AmazonS3Client Client() => new(
        new Amazon.Runtime.BasicAWSCredentials(AccessKey, SecretKey),
        new AmazonS3Config
        {
            ServiceURL = Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = Amazon.Runtime.RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = Amazon.Runtime.ResponseChecksumValidation.WHEN_REQUIRED,
        });

    /// <summary>Where s3rver keeps an object's bytes on disk (its file store layout), to damage one behind the store's back.</summary>
    public string FileOf(string bucket, string key) =>
        Path.Combine(Directory, "data", bucket, key.Replace('/', Path.DirectorySeparatorChar) + "._S3rver_object");

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
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

    private static string? Install()
    {
        if (!Runs("node", "--version"))
        {
            return "node is not installed (apt-get install -y nodejs npm); .ci/run installs it and s3rver";
        }

        if (File.Exists(Script))
        {
            return null;
        }

        System.IO.Directory.CreateDirectory(InstallDirectory);
        return Runs("npm", "install", "--no-audit", "--no-fund", "--prefix", InstallDirectory, "s3rver@3.7.1") && File.Exists(Script)
            ? null
            : $"s3rver 3.7.1 could not be installed into {InstallDirectory} (npm install failed); .ci/run installs it";
    }

    private static bool Runs(string program, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            return process.WaitForExit(180_000) && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

/// <summary>A test that needs s3rver; skipped with the reason when it cannot be installed or run.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class S3FactAttribute : FactAttribute
{
    public S3FactAttribute()
    {
        if (S3rver.Unavailable is { } why)
        {
            Skip = why;
        }
    }
}
