using IloBackup.Engine.Identity;
using IloBackup.Cli.Tests.Repository;
using IloBackup.Engine.Repository;

namespace IloBackup.Cli.Tests.RepositorySafety;

/// <summary>
/// Issue 11, item 3: <c>verify</c> never writes to the repository. The folder is hashed file by file before
/// and after, in the state a killed writer leaves: rows still in catalog.db-wal, an object nobody refers
/// to, a temporary file.
/// </summary>
public sealed class VerifyWritesNothingTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cli-verify-ro-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Verify_leaves_every_file_of_the_repository_as_it_was_and_reads_the_wal()
    {
        var live = Path.Combine(_root, "live");
        var killed = Path.Combine(_root, "killed");
        await using (var writer = await BackupRepository.OpenAsync(live, null, CancellationToken.None))
        {
            for (var i = 0; i < 3; i++)
            {
                await writer.StoreAsync(Entry(i), new MemoryStream([(byte)i, 1, 2, 3]), CancellationToken.None);
            }

            await writer.Objects.PutOrphanAsync(new MemoryStream([9, 9, 9]), CancellationToken.None); // an object nobody refers to
            // What a writer killed now leaves: the rows are in catalog.db-wal, not yet in catalog.db.
            CopyFolder(live, killed);
        }

        Assert.True(new FileInfo(Path.Combine(killed, "catalog.db-wal")).Length > 0);
        await File.WriteAllTextAsync(Path.Combine(killed, "tmp", "0123.tmp"), "half a file");
        var before = RepoFiles.HashAll(killed);

        var (code, output, error) = await CliRun.RunAsync("verify", "--repo", killed);

        Assert.Equal(before, RepoFiles.HashAll(killed));
        Assert.True(code == 0, output + error);
        Assert.Contains("3 objects checked, 0 corrupt, 0 missing", output, StringComparison.Ordinal);
        Assert.Contains("1 unreferenced objects kept", output, StringComparison.Ordinal);
    }

    private static NewBackupEntry Entry(int i) => new()
    {
        Host = $"https://ilo{i}.lab/", Outcome = BackupOutcome.Succeeded,
        TakenAt = new DateTimeOffset(2026, 11, 1, 0, i, 0, TimeSpan.Zero), Identity = IloIdentity.OfSerial($"MXQ{i}"), FileName = $"HPE_MXQ{i}_x.bak",
    };

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "lock"))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        Directory.CreateDirectory(Path.Combine(to, "tmp"));
        File.WriteAllBytes(Path.Combine(to, "lock"), []); // a killed writer leaves its (empty) lock file, unlocked
    }
}
