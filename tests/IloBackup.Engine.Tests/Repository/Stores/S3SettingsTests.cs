using IloBackup.Engine.Repository;
using IloBackup.Engine.Repository.S3;

namespace IloBackup.Engine.Tests.Repository.Stores;

/// <summary>Where an S3 store is, and its credentials (from a file), read without a server.</summary>
public sealed class S3SettingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("s3-settings-").FullName;

    [Theory]
    [InlineData("s3://backups", "backups", "")]
    [InlineData("s3://backups/", "backups", "")]
    [InlineData("s3://backups/site-a/ilo", "backups", "site-a/ilo/")]
    [InlineData("S3://my.bucket-1/x/", "my.bucket-1", "x/")]
    public void Reads_bucket_and_prefix(string uri, string bucket, string prefix) =>
        Assert.Equal((bucket, prefix), S3StoreSettings.ParseUri(uri));

    [Theory]
    [InlineData("backups")]
    [InlineData("s3://")]
    [InlineData("s3://UPPER")]
    [InlineData("s3://ab")]
    [InlineData("s3://backups/a/../b")]
    [InlineData("s3://backups/a//b")]
    public void Refuses_what_is_not_an_S3_location(string uri) =>
        Assert.Throws<FormatException>(() => S3StoreSettings.ParseUri(uri));

    [Fact]
    public void Credentials_come_from_the_default_profile_of_a_file()
    {
        var path = Path.Combine(_directory, "credentials");
        File.WriteAllText(path, "[other]\naws_access_key_id = OTHER\naws_secret_access_key = other-secret\n\n[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = default-secret\n");

        var credentials = S3Credentials.FromFile(path);

        Assert.Equal("AKIDDEFAULT", credentials.AccessKeyId);
        Assert.Equal("default-secret", credentials.SecretAccessKey);
        Assert.DoesNotContain("secret", credentials.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_a_secret_is_refused_without_showing_what_it_holds()
    {
        var path = Path.Combine(_directory, "credentials");
        File.WriteAllText(path, "aws_access_key_id = AKIDONLY\n");
        var ex = Assert.Throws<RepositoryException>(() => S3Credentials.FromFile(path));
        Assert.Contains("has no aws_access_key_id and aws_secret_access_key", ex.Message, StringComparison.Ordinal);
        Assert.Throws<RepositoryException>(() => S3Credentials.FromFile(Path.Combine(_directory, "missing")));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
