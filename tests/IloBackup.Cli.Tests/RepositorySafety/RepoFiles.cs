using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace IloBackup.Cli.Tests.RepositorySafety;

/// <summary>Looks at a repository folder from outside: its files and their hashes, its backup files, its entries.</summary>
internal static class RepoFiles
{
    /// <summary>Every file under <paramref name="directory"/> (relative path → SHA-256 of its bytes).</summary>
    public static SortedDictionary<string, string> HashAll(string directory)
    {
        var all = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(directory, "*", SearchOption.AllDirectories))
        {
            all[Path.GetRelativePath(directory, file)] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
        }

        return all;
    }

    /// <summary>The backup files of the object store (names are their hashes; records and side files left out).</summary>
    public static string[] Objects(string repository) =>
        [.. Directory.GetFiles(Path.Combine(repository, "objects"), "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f).Length == 64).Order(StringComparer.Ordinal)];

    public static string ObjectPath(string repository, string sha256) => Path.Combine(repository, "objects", sha256[..2], sha256);

    public static async Task<JsonArray> HistoryAsync(string repository, params string[] extra)
    {
        var (code, output, error) = await CliRun.RunAsync(["history", "--repo", repository, "--json", .. extra]);
        Assert.True(code == 0, error);
        return JsonNode.Parse(output)!.AsArray();
    }

    /// <summary>
    /// Overwrites 16 bytes at the start (the b-tree page header) of the root page of one index of the catalog:
    /// damage SQLite's integrity check reports as malformed while the queries that list backups never read it.
    /// </summary>
    public static void Overwrite16BytesOfAnIndex(string catalog, string index = "ix_backups_host_time")
    {
        long pageSize, root;
        using (var sql = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={catalog};Mode=ReadOnly;Pooling=False"))
        {
            sql.Open();
            using var command = sql.CreateCommand();
            command.CommandText = "PRAGMA page_size;";
            pageSize = (long)command.ExecuteScalar()!;
            command.CommandText = $"SELECT rootpage FROM sqlite_master WHERE name = '{index}';";
            root = (long)command.ExecuteScalar()!;
        }

        using var file = new FileStream(catalog, FileMode.Open, FileAccess.Write);
        file.Position = (root - 1) * pageSize;
        file.Write(Enumerable.Repeat((byte)0xA5, 16).ToArray());
    }

    public static void FlipOneByte(string path, long offset)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = offset;
        var b = file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)(b ^ 0x01));
    }
}
