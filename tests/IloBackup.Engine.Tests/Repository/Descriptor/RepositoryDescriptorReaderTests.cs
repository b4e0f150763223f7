using IloBackup.Engine.Repository;
using IloBackup.Engine.Repository.Descriptor;
using IloBackup.Engine.Secrets;

namespace IloBackup.Engine.Tests.Repository.Descriptor;

public sealed class RepositoryDescriptorReaderTests
{
    private const string Path = "/etc/ilobackup/site.yaml";

    [Fact]
    public void A_postgres_and_s3_repository_is_read_with_its_secret_references()
    {
        var d = RepositoryDescriptorReader.Parse(
            """
            ilobackup-repository: 1
            catalog: postgresql://backup@db.example.com:5432/ilobackup
            catalog-password-file: pg.password
            objects: s3://ilo-backups/site-a/
            s3-endpoint: https://s3.example.com:9000
            s3-region: eu-west-1
            s3-path-style: false
            s3-access-key-env: S3_KEY_ID
            s3-secret-key-env: S3_SECRET
            encryption-key-file: keys/repository.key
            """,
            Path);
        Assert.True(d.IsPostgres);
        Assert.True(d.IsS3);
        Assert.Equal("postgresql://backup@db.example.com:5432/ilobackup", d.Catalog);
        Assert.Equal(SecretSourceKind.File, d.CatalogPassword!.Kind);
        Assert.Equal("/etc/ilobackup/pg.password", d.CatalogPassword.Location);
        Assert.Equal("s3://ilo-backups/site-a", d.Objects);
        Assert.Equal("https://s3.example.com:9000", d.S3Endpoint);
        Assert.Equal("eu-west-1", d.S3Region);
        Assert.False(d.S3PathStyle);
        Assert.Equal("S3_KEY_ID", d.S3AccessKeyVariable);
        Assert.Equal("S3_SECRET", d.S3SecretKeyVariable);
        Assert.Null(d.S3CredentialsFile);
        Assert.Equal("/etc/ilobackup/keys/repository.key", d.EncryptionKeyFile);
        Assert.Equal("/etc/ilobackup/site.yaml.work", d.WorkDirectory);
    }

    [Fact]
    public void Relative_sqlite_and_file_places_are_taken_from_the_files_folder()
    {
        var d = RepositoryDescriptorReader.Parse("ilobackup-repository: 1\ncatalog: sqlite:db/catalog.db\nobjects: file:store\nwork-directory: /var/tmp/w\n", Path);
        Assert.False(d.IsPostgres);
        Assert.False(d.IsS3);
        Assert.Equal("/etc/ilobackup/db/catalog.db", d.SqlitePath);
        Assert.Equal("/etc/ilobackup/store", d.FileRoot);
        Assert.Equal("/var/tmp/w", d.WorkDirectory);
        Assert.Null(d.EncryptionKeyFile);
        Assert.True(d.S3PathStyle);
    }

    [Theory]
    [InlineData("catalog: sqlite:c.db\nobjects: file:o\n", "must start with 'ilobackup-repository: 1'")]
    [InlineData("ilobackup-repository: 2\ncatalog: sqlite:c.db\nobjects: file:o\n", ":1: format 2 is not known")]
    [InlineData("ilobackup-repository: 1\nobjects: file:o\n", "'catalog' is missing")]
    [InlineData("ilobackup-repository: 1\ncatalog: sqlite:c.db\n", "'objects' is missing")]
    [InlineData("ilobackup-repository: 1\ncatalog: mysql://x/y\nobjects: file:o\n", ":2: catalog must be sqlite:FILE or postgresql://")]
    [InlineData("ilobackup-repository: 1\ncatalog: postgresql://db.example.com\nobjects: file:o\n", ":2: catalog: the PostgreSQL URL")]
    [InlineData("ilobackup-repository: 1\ncatalog: sqlite:c.db\nobjects: s3://A_b\n", ":3: objects: 'A_b' is not an S3 bucket name")]
    [InlineData("ilobackup-repository: 1\ncatalog: sqlite:c.db\nobjects: ftp://x\n", ":3: objects must be file:FOLDER or s3://")]
    [InlineData("ilobackup-repository: 1\ncatalog: sqlite:c.db\nobjects: file:o\nsurprise: 1\n", ":4: unknown key 'surprise'")]
    [InlineData("ilobackup-repository: 1\ncatalog: sqlite:c.db\nobjects: file:o\ns3-region: x\n", ":4: 's3-region' applies only to s3:// objects")]
    [InlineData("ilobackup-repository: 1\ncatalog: sqlite:c.db\nobjects: file:o\ncatalog-password-env: X\n", ":4: 'catalog-password-env' applies only to a postgresql:// catalog")]
    [InlineData("ilobackup-repository: 1\ncatalog: sqlite:c.db\nobjects: s3://bucket\ns3-endpoint: ftp://h\n", ":4: s3-endpoint must be an http:// or https:// URL")]
    [InlineData("ilobackup-repository: 1\ncatalog: sqlite:c.db\nobjects: s3://bucket\ns3-path-style: maybe\n", ":4: s3-path-style must be true or false")]
    [InlineData("ilobackup-repository: 1\ncatalog: sqlite:c.db\ncatalog: sqlite:d.db\nobjects: file:o\n", ":3:")]
    [InlineData("[1, 2]\n", "not an ilobackup repository file")]
    [InlineData("ilobackup-repository: [1\n", "not valid YAML")]
    public void Mistakes_are_refused_naming_the_file_and_line(string text, string expected)
    {
        var ex = Assert.Throws<RepositoryException>(() => RepositoryDescriptorReader.Parse(text, Path));
        Assert.StartsWith(Path, ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("catalog: postgresql://backup:Hunter2Secret@db/ilo\nobjects: file:o\n")]
    [InlineData("catalog: postgresql://backup@db/ilo?password=Hunter2Secret\nobjects: file:o\n")]
    [InlineData("catalog: postgresql://backup@db/ilo\ncatalog-password: Hunter2Secret\nobjects: file:o\n")]
    [InlineData("catalog: sqlite:c.db\nobjects: s3://bucket\ns3-secret-key: Hunter2Secret\n")]
    [InlineData("catalog: sqlite:c.db\nobjects: file:o\nencryption-key: Hunter2Secret\n")]
    public void A_secret_written_in_the_file_is_refused_without_echoing_it(string body)
    {
        var ex = Assert.Throws<RepositoryException>(() => RepositoryDescriptorReader.Parse("ilobackup-repository: 1\n" + body, Path));
        Assert.Contains("never holds a secret", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Hunter2Secret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void S3_keys_come_from_a_credentials_file_or_the_usual_variables()
    {
        var d = RepositoryDescriptorReader.Parse("ilobackup-repository: 1\ncatalog: sqlite:c.db\nobjects: s3://bucket\ns3-credentials-file: s3.ini\n", Path);
        Assert.Equal("/etc/ilobackup/s3.ini", d.S3CredentialsFile);
        var plain = RepositoryDescriptorReader.Parse("ilobackup-repository: 1\ncatalog: sqlite:c.db\nobjects: s3://bucket\n", Path);
        Assert.Equal(("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"), (plain.S3AccessKeyVariable, plain.S3SecretKeyVariable));
        var ex = Assert.Throws<RepositoryException>(() => RepositoryDescriptorReader.Parse(
            "ilobackup-repository: 1\ncatalog: sqlite:c.db\nobjects: s3://bucket\ns3-credentials-file: a\ns3-secret-key-env: B\n", Path));
        Assert.Contains(":5: give either s3-credentials-file or the s3-...-env variables", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_a_file_and_a_variable_for_one_secret_are_refused()
    {
        var ex = Assert.Throws<RepositoryException>(() => RepositoryDescriptorReader.Parse(
            "ilobackup-repository: 1\ncatalog: postgresql://u@h/d\ncatalog-password-file: a\ncatalog-password-env: B\nobjects: file:o\n", Path));
        Assert.Contains("either catalog-password-file or catalog-password-env", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_description_shown_to_users_names_places_not_secrets()
    {
        var d = RepositoryDescriptorReader.Parse(
            "ilobackup-repository: 1\ncatalog: postgresql://u@h/d\ncatalog-password-env: PGPW\nobjects: s3://bucket/p\nencryption-key-file: k\n", Path);
        Assert.Equal("/etc/ilobackup/site.yaml (catalog postgresql://u@h:5432/d, objects s3://bucket/p, encrypted)", d.Describe());
    }
}
