using System.CommandLine;
using IloBackup.Redfish.Tls;

namespace IloBackup.Cli.Connection;

/// <summary>What the <see cref="TlsOptions"/> say, read without I/O; <see cref="Validate"/> is the one check of the TLS flags (single iLO and fleet).</summary>
internal sealed record TlsSettings
{
    public bool SingleHost { get; init; }
    public bool TrustNew { get; init; }
    public string? Fingerprint { get; init; }
    public string? CaFile { get; init; }
    public bool Insecure { get; init; }

    public static TlsSettings From(ParseResult parse, TlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(options);
        return new TlsSettings
        {
            SingleHost = options.SingleHost,
            TrustNew = parse.GetValue(options.TrustNew),
            Fingerprint = options.SingleHost ? parse.GetValue(options.Fingerprint) : null,
            CaFile = parse.GetValue(options.CaFile),
            Insecure = parse.GetValue(options.Insecure),
        };
    }

    /// <summary>The usage errors, before any connection (the CA file must exist).</summary>
    public TlsSettings Validate()
    {
        if (Insecure && (CaFile is not null || TrustNew || Fingerprint is not null))
        {
            throw new CliUsageException(SingleHost
                ? "--insecure cannot be combined with --ca-file, --trust-new or --fingerprint"
                : "--insecure cannot be combined with --ca-file or --trust-new");
        }

        if (Fingerprint is not null && CertificateFingerprint.Normalize(Fingerprint) is null)
        {
            throw new CliUsageException("--fingerprint: not a SHA256 fingerprint (SHA256:AB:CD:...)");
        }

        if (CaFile is not null && !File.Exists(CaFile))
        {
            throw new CliUsageException($"--ca-file: {CaFile} does not exist");
        }

        return this;
    }
}
