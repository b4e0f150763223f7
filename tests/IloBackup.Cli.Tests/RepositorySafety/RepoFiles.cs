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

    public static void FlipOneByte(string path, long offset)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = offset;
        var b = file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)(b ^ 0x01));
    }
}
