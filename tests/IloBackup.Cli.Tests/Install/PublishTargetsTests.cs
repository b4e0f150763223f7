using System.Text.Json;

namespace IloBackup.Cli.Tests.Install;

/// <summary>
/// The one-file publish settings of src/IloBackup.Cli/Install/Publish.targets, read by MSBuild evaluation
/// (`dotnet msbuild -getProperty/-getItem`, a few seconds): a Native AOT publish for Linux links SQLite
/// statically (DirectPInvoke e_sqlite3 + libsqlite3.a) and a missing libsqlite3.a is a clear error.
/// The AOT publish itself is checked by hand (docs/install.md), never inside the unit test suite.
/// </summary>
public sealed class PublishTargetsTests
{
    private static readonly string Project = Path.Combine(RepoRoot(), "src", "IloBackup.Cli", "IloBackup.Cli.csproj");

    [Fact]
    public async Task LinuxAotPublishLinksSqliteStatically()
    {
        var fakeLib = Path.Combine(Path.GetTempPath(), "ilo-no-such-dir", "libsqlite3.a");
        var json = await EvaluateAsync("-p:RuntimeIdentifier=linux-x64", $"-p:IloSqliteStaticLib={fakeLib}");

        Assert.Equal("true", Property(json, "PublishAot"));
        Assert.Equal("true", Property(json, "IloStaticSqlite"));
        Assert.Contains("e_sqlite3", Items(json, "DirectPInvoke"));
        Assert.Contains(fakeLib, Items(json, "NativeLibrary"));
    }

    [Fact]
    public async Task OtherBuildsKeepTheSharedLibrary()
    {
        foreach (var args in new[] { Array.Empty<string>(), ["-p:RuntimeIdentifier=osx-arm64"], ["-p:RuntimeIdentifier=linux-x64", "-p:IloStaticSqlite=false"] })
        {
            var json = await EvaluateAsync(args);
            Assert.DoesNotContain("e_sqlite3", Items(json, "DirectPInvoke"));
            Assert.NotEqual("true", Property(json, "IloStaticSqlite"));
        }
    }

    [Fact]
    public async Task MissingStaticSqliteSaysWhatToInstall()
    {
        var missing = Path.Combine(Path.GetTempPath(), "ilo-no-such-dir", "libsqlite3.a");
        var (code, output, error) = await Processes.RunAsync(
            "dotnet", ["msbuild", Project, "-nologo", "-t:IloCheckStaticSqlite", "-p:RuntimeIdentifier=linux-x64", $"-p:IloSqliteStaticLib={missing}"]);

        Assert.NotEqual(0, code);
        Assert.Contains("apt-get install libsqlite3-dev", output + error, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> EvaluateAsync(params string[] args)
    {
        var (code, output, error) = await Processes.RunAsync(
            "dotnet",
            ["msbuild", Project, "-nologo", "-getProperty:PublishAot", "-getProperty:IloStaticSqlite", "-getItem:DirectPInvoke", "-getItem:NativeLibrary", .. args]);
        Assert.True(code == 0, $"dotnet msbuild exited {code}: {output} {error}");
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }

    private static string Property(JsonElement json, string name) => json.GetProperty("Properties").GetProperty(name).GetString() ?? string.Empty;

    private static List<string> Items(JsonElement json, string name) =>
        json.TryGetProperty("Items", out var items) && items.TryGetProperty(name, out var list)
            ? list.EnumerateArray().Select(item => item.GetProperty("Identity").GetString() ?? string.Empty).ToList()
            : [];

    private static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "IloBackup.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("IloBackup.slnx not found above " + AppContext.BaseDirectory);
    }
}
