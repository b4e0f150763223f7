using System.CommandLine;
using IloBackup.Redfish.Tls;

namespace IloBackup.Cli.Connection;

/// <summary>
/// How certificates are trusted, the same for single-iLO and fleet verbs: verified and pinned
/// (known_hosts) by default, <c>--trust-new</c>, <c>--ca-file</c> (must exist), <c>--insecure</c>
/// (alone, with a warning); <c>--fingerprint</c> only where there is one host (a fleet's inventory
/// pins per host). <see cref="Validate"/> runs before any I/O.
/// </summary>
internal sealed class TlsOptions(bool singleHost)
{
    public Option<bool> TrustNew { get; } = new("--trust-new") { Description = "Accept and pin a certificate seen for the first time (known_hosts)" };

    public Option<string?> Fingerprint { get; } = new("--fingerprint") { Description = "Expect this certificate fingerprint (SHA256:...)", HelpName = "SHA256" };

    public Option<string?> CaFile { get; } = new("--ca-file") { Description = "Trust iLO certificates issued by these CAs (PEM)", HelpName = "FILE" };

    public Option<bool> Insecure { get; } = new("--insecure") { Description = "DANGEROUS: accept any certificate, no protection against a man in the middle" };

    public IEnumerable<Option> All => singleHost ? [TrustNew, Fingerprint, CaFile, Insecure] : [TrustNew, CaFile, Insecure];

    public bool SingleHost => singleHost;

    /// <summary>The usage errors, before any connection (<see cref="TlsSettings.Validate"/>).</summary>
    public void Validate(ParseResult parse) => TlsSettings.From(parse, this).Validate();

    /// <summary>The policy (after <see cref="Validate"/>); <paramref name="prompt"/> asks about an unknown certificate at a terminal.</summary>
    public TlsPolicy Policy(ParseResult parse, CliConsole console, UnknownCertificatePrompt? prompt)
    {
        Validate(parse);
        if (parse.GetValue(Insecure))
        {
            console.Error.WriteLine(singleHost
                ? "warning: --insecure: the iLO's certificate is NOT checked; anyone on the path can read the credentials"
                : "warning: --insecure: iLO certificates are NOT checked; anyone on the path can read the credentials");
            return TlsPolicy.DangerousAcceptAnyCertificate();
        }

        if (parse.GetValue(CaFile) is { } ca)
        {
            return TlsPolicy.FromCaFile(ca);
        }

        return TlsPolicy.VerifyAndPin(new KnownHostsFile(Configuration.CliSettings.Of(parse).KnownHostsPath)) with
        {
            TrustNew = parse.GetValue(TrustNew),
            PinnedFingerprint = singleHost ? parse.GetValue(Fingerprint) : null,
            Prompt = prompt,
        };
    }
}
