using System.Net;
using System.Security.Cryptography.X509Certificates;
using IloBackup.Serve.Metrics;

namespace IloBackup.Serve.Web;

public sealed class ServeAppOptions
{
    /// <summary>Where to listen: 127.0.0.1:8080 unless told otherwise.</summary>
    public IPEndPoint Listen { get; init; } = new(IPAddress.Loopback, 8080);

    /// <summary>The TLS certificate (with its key); null serves plain HTTP (allowed on loopback only, behind a proxy).</summary>
    public X509Certificate2? Certificate { get; init; }

    public string MeterName { get; init; } = ServeMetrics.DefaultMeterName;

    /// <summary>Where the service's own log lines go (stderr in the CLI).</summary>
    public TextWriter? Log { get; init; }
}
