using IloBackup.Engine.Identity;
using System.Text;
using IloBackup.Engine.Repository;
using Microsoft.Extensions.Time.Testing;

namespace IloBackup.Engine.Tests.Repository;

/// <summary>A temporary repository directory and a fake clock, removed after the test.</summary>
internal sealed class RepositoryFixture : IDisposable
{
    public RepositoryFixture() => Directory = System.IO.Directory.CreateTempSubdirectory("repo-").FullName;

    public string Directory { get; }
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    public Task<BackupRepository> OpenAsync(bool readOnly = false, Func<StoredObject, CancellationToken, Task>? afterObjectStored = null) =>
        BackupRepository.OpenAsync(
            Directory,
            new BackupRepositoryOptions { TimeProvider = Time, ReadOnly = readOnly, AfterObjectStored = afterObjectStored },
            CancellationToken.None);

    public NewBackupEntry Entry(string serial, string snapshot = """{"a":1}""", string firmware = "2.78") => new()
    {
        Host = $"https://{serial.ToLowerInvariant()}.lab/",
        Outcome = BackupOutcome.Succeeded,
        TakenAt = Time.GetUtcNow(),
        Identity = new IloIdentity(serial, "ProLiant DL360 Gen10 Plus", "867959-B21", "iLO 5", firmware),
        FileName = $"HPE_{serial}_20261101_1200.bak",
        Snapshot = snapshot,
    };

    public static MemoryStream Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>The backup files in the object store (not their metadata records).</summary>
    public string[] ObjectFiles() => [.. AllObjectFolderFiles().Where(f => !f.EndsWith(".json", StringComparison.Ordinal))];

    /// <summary>The metadata records beside the objects (not prune's id high-water mark, a record of the pseudo-object 0…0).</summary>
    public string[] RecordFiles() =>
        [.. AllObjectFolderFiles().Where(f => f.EndsWith(".json", StringComparison.Ordinal) && !Path.GetFileName(f).StartsWith(new string('0', 64), StringComparison.Ordinal))];

    private string[] AllObjectFolderFiles() =>
        System.IO.Directory.Exists(Path.Combine(Directory, "objects"))
            ? System.IO.Directory.GetFiles(Path.Combine(Directory, "objects"), "*", SearchOption.AllDirectories)
            : [];

    public string[] TempFiles() =>
        System.IO.Directory.Exists(Path.Combine(Directory, "tmp")) ? System.IO.Directory.GetFiles(Path.Combine(Directory, "tmp")) : [];

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
