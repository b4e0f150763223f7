using IloBackup.TestSupport.FakeIlo;

namespace IloBackup.Cli.Tests;

/// <summary>A fake iLO over plain HTTP on 127.0.0.1, a work directory, and a password file.</summary>
internal sealed class SingleIloFixture : IAsyncDisposable
{
    private SingleIloFixture(FakeIlo fake, string directory)
    {
        Fake = fake;
        Directory = directory;
        PasswordFile = Path.Combine(directory, "password");
        File.WriteAllText(PasswordFile, FakeIloCredentials.AdminPassword + "\n");
    }

    public FakeIlo Fake { get; }

    public string Directory { get; }

    public string PasswordFile { get; }

    public string Host => Fake.BaseAddress.ToString().TrimEnd('/');

    public string[] Login => ["--user", FakeIloCredentials.AdminUser, "--password-file", PasswordFile];

    public static async Task<SingleIloFixture> StartAsync() =>
        new(await FakeIlo.StartKestrelAsync(null), System.IO.Directory.CreateTempSubdirectory("ilobackup-cli-").FullName);

    public string[] Args(params string[] args) => [.. args, .. Login];

    public async ValueTask DisposeAsync()
    {
        await Fake.DisposeAsync();
        System.IO.Directory.Delete(Directory, true);
    }
}
