using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace IloBackup.Cli.Connection;

/// <summary>
/// Keeps .NET from loading the system's public CA store when nothing in this process needs it.
/// On Linux, the first TLS handshake builds an X.509 chain (SslStream always does, before our
/// validation callback runs), and building any chain loads and parses every certificate of
/// <c>/etc/ssl/certs</c> and the CA bundle: about 50 ms, most of a single backup's run. When the
/// one iLO this process talks to is pinned (known_hosts, <c>--fingerprint</c>), trusted through
/// <c>--ca-file</c>, or not checked (<c>--insecure</c>), the public store cannot change any decision
/// (<see cref="Redfish.Tls.TlsPolicy.ConsultsSystemTrust"/>), so OpenSSL's store locations are
/// pointed at <c>/dev/null</c> before the first handshake. An unpinned host keeps the system store.
/// </summary>
internal static partial class SystemCaStore
{
    private const string Empty = "/dev/null";

    /// <summary>
    /// Points the system store at nothing for the rest of this process. Only for a run that owns
    /// the process (<see cref="CliConsole.OwnsProcess"/>) and before any TLS connection.
    /// </summary>
    public static void SkipLoading(ILogger logger)
    {
        if (!OperatingSystem.IsLinux())
        {
            // .NET uses OpenSSL's store only on Linux; elsewhere the platform's own store is used.
            return;
        }

        // OpenSSL's names, read by .NET with the C library's getenv: Environment.SetEnvironmentVariable
        // would change only .NET's own copy of the environment.
        if (SetEnvironment("SSL_CERT_FILE", Empty, 1) == 0 && SetEnvironment("SSL_CERT_DIR", Empty, 1) == 0)
        {
            LogSkipped(logger);
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnvironment(string name, string value, int overwrite);

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "the iLO's certificate is pinned or given by --ca-file: the system CA store is not loaded")]
    private static partial void LogSkipped(ILogger logger);
}
