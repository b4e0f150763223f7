using IloBackup.Engine.Repository;
using IloBackup.Engine.Repository.Encryption;

namespace IloBackup.Engine.Tests.Repository.Encryption;

public sealed class RepositoryKeyFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ilobackup-key-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_created_key_file_is_0600_and_loads_back_as_the_same_key()
    {
        var path = Path.Combine(_directory, "repo.key");

        using var created = await RepositoryKeyFile.CreateAsync(path, CancellationToken.None);
        using var loaded = RepositoryKeyFile.Load(path);

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.Equal(created.IdHex, loaded.IdHex);
        Assert.Equal(32, created.IdHex.Length);
        var sha = new string('a', 64);
        Assert.Equal(created.ObjectName(sha), loaded.ObjectName(sha));
        var ciphertext = Sealed.Encrypt(created, [1, 2, 3]);
        Assert.Equal([1, 2, 3], Sealed.Decrypt(loaded, ciphertext));
        var text = await File.ReadAllTextAsync(path);
        Assert.StartsWith("# IloBackup repository key.", text, StringComparison.Ordinal);
        Assert.Contains(RepositoryKeyFile.VersionLine + "\nid: " + created.IdHex + "\nkey: ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_existing_file_is_never_overwritten()
    {
        var path = Path.Combine(_directory, "repo.key");
        using (await RepositoryKeyFile.CreateAsync(path, CancellationToken.None))
        {
        }

        var before = await File.ReadAllTextAsync(path);

        var e = await Assert.ThrowsAsync<RepositoryException>(() => RepositoryKeyFile.CreateAsync(path, CancellationToken.None));

        Assert.Contains("never overwritten", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(path));
    }

    [Theory]
    [InlineData(UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.GroupWrite)]
    [InlineData(UnixFileMode.OtherExecute)]
    public async Task A_key_file_open_to_group_or_others_is_refused(UnixFileMode extra)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = Path.Combine(_directory, "repo.key");
        using (await RepositoryKeyFile.CreateAsync(path, CancellationToken.None))
        {
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | extra);

        var e = Assert.Throws<RepositoryException>(() => RepositoryKeyFile.Load(path));

        Assert.Contains("accessible to group or others", e.Message, StringComparison.Ordinal);
        Assert.Contains("chmod 600", e.Message, StringComparison.Ordinal);
        File.SetUnixFileMode(path, UnixFileMode.UserRead);
        using var key = RepositoryKeyFile.Load(path);
        Assert.Equal(32, key.IdHex.Length);
    }

    [Fact]
    public void A_damaged_or_foreign_key_file_is_refused_with_the_reason()
    {
        using var key = RepositoryKey.Generate();
        var good = RepositoryKeyFile.Format(key);

        Assert.Contains("not an IloBackup repository key file", Refused("hello\n"), StringComparison.Ordinal);
        Assert.Contains("does not read", Refused(good.Replace("key: 1", "key: 2", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("does not belong to the key", Refused(good.Replace("id: " + key.IdHex, "id: " + new string('0', 32), StringComparison.Ordinal)), StringComparison.Ordinal);
        var keyLine = good.Split('\n').Single(l => l.StartsWith("key: ", StringComparison.Ordinal));
        Assert.Contains("32 bytes in base64", Refused(good.Replace(keyLine, "key: AAAA", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("expected one 'key:' line, found 0", Refused(good.Replace(keyLine, string.Empty, StringComparison.Ordinal)), StringComparison.Ordinal);
        using var parsed = RepositoryKeyFile.Parse(good.Replace("\n", "\r\n", StringComparison.Ordinal), "test");
        Assert.Equal(key.IdHex, parsed.IdHex);
    }

    [Fact]
    public void A_missing_key_file_is_named()
    {
        var path = Path.Combine(_directory, "absent.key");

        var e = Assert.Throws<RepositoryException>(() => RepositoryKeyFile.Load(path));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    private static string Refused(string text) =>
        Assert.Throws<RepositoryException>(() => RepositoryKeyFile.Parse(text, "test.key")).Message;
}
