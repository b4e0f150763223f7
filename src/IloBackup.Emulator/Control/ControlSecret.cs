using System.Security.Cryptography;
using System.Text;

namespace IloBackup.Emulator.Control;

/// <summary>
/// The credential of the whole control API (docs/emulator.md, "Control API"): 64 random hex
/// digits made at every start, sent as <c>Authorization: Bearer</c>. The control endpoint can
/// factory-reset, fail or fault every emulated iLO and list live session tokens, so no local
/// process may use it without reading this secret, which only the emulator's user can: it is kept
/// in <c>&lt;state-dir&gt;/control-secret</c> (mode 0600), or, without a state directory but with a
/// control port, in a private (0700) temporary folder removed when the fleet stops. It is never
/// printed: the <c>ready</c> line names the file.
/// </summary>
internal sealed class ControlSecret : IDisposable
{
    public const string FileName = "control-secret";

    private readonly byte[] _expected;
    private readonly string? _temporaryDirectory;

    private ControlSecret(string value, string? file, string? temporaryDirectory)
    {
        Value = value;
        File = file;
        _expected = Encoding.ASCII.GetBytes(value);
        _temporaryDirectory = temporaryDirectory;
    }

    public string Value { get; }

    /// <summary>The 0600 file holding <see cref="Value"/>; null when nothing outside this process needs it.</summary>
    public string? File { get; }

    /// <summary>
    /// A fresh secret; written to <paramref name="stateDirectory"/> when there is one, else to a
    /// private temporary folder when <paramref name="needsFile"/> (a control port is open).
    /// </summary>
    public static ControlSecret Create(string? stateDirectory, bool needsFile)
    {
        var value = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        string? temporary = null;
        string? file = null;
        if (stateDirectory is not null)
        {
            file = Path.Combine(Path.GetFullPath(stateDirectory), FileName);
        }
        else if (needsFile)
        {
            temporary = Path.Combine(Path.GetTempPath(), "ilobackup-control-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant());
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(temporary);
            }
            else
            {
                Directory.CreateDirectory(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            file = Path.Combine(temporary, FileName);
        }

        if (file is not null)
        {
            // AtomicFile creates it 0600 before any byte is written, so it is never readable by others.
            Persistence.AtomicFile.Write(file, Encoding.ASCII.GetBytes(value + "\n"));
        }

        return new ControlSecret(value, file, temporary);
    }

    /// <summary>
    /// True when <paramref name="authorization"/> is <c>Bearer &lt;the secret&gt;</c>. The bytes
    /// are compared in constant time, so the answer's timing tells nothing about the secret.
    /// </summary>
    public bool Authorizes(string? authorization)
    {
        const string Scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var given = Encoding.UTF8.GetBytes(authorization[Scheme.Length..].Trim());
        return given.Length == _expected.Length && CryptographicOperations.FixedTimeEquals(given, _expected);
    }

    /// <summary>Removes the temporary folder, if the secret needed one.</summary>
    public void Dispose()
    {
        if (_temporaryDirectory is not null && Directory.Exists(_temporaryDirectory))
        {
            Directory.Delete(_temporaryDirectory, recursive: true);
        }
    }
}
