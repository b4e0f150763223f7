namespace IloBackup.Redfish.Sessions;

/// <summary>A completed download: the final file (renamed into place only once complete), its size and SHA-256 (lower-case hex).</summary>
public sealed record DownloadResult(string FilePath, long Length, string Sha256);
