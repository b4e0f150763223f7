using IloBackup.Redfish;
using IloBackup.Redfish.Credentials;
using IloBackup.Redfish.Tls;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IloBackup.Engine.Fleet;

public sealed class RedfishIloConnectorOptions
{
    /// <summary>TLS for hosts without a fingerprint in the inventory (those with one are pinned to it).</summary>
    public required TlsPolicy Tls { get; init; }

    /// <summary>Used where the inventory names no user or password for a host.</summary>
    public RedfishCredential? DefaultCredential { get; init; }

    /// <summary>Used where the inventory names a password but no user.</summary>
    public string? DefaultUser { get; init; }

    public RedfishClientOptions Client { get; init; } = new();
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Protects each backup file on the iLO's side (needed again to restore).</summary>
    public string? FilePassword { get; init; }

    public bool IncludeSnapshot { get; init; } = true;

    /// <summary>Recorded as the tool that made the backups.</summary>
    public string? Tool { get; init; }

    /// <summary>Reads environment variables named by the inventory (tests substitute it).</summary>
    public Func<string, string?>? Environment { get; init; }

    /// <summary>Routes every client through this handler (in-process emulators in tests); TLS then does not apply.</summary>
    public HttpMessageHandler? Handler { get; init; }
}
