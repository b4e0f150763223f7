using IloBackup.Engine.Repository;
using IloBackup.Engine.Repository.Postgres;
using Npgsql;

namespace IloBackup.Engine.Tests.Repository.Catalogs;

public sealed class PostgresCatalogAddressTests
{
    [Fact]
    public void A_url_gives_host_port_database_user_and_where_the_password_is()
    {
        var address = PostgresCatalogAddress.Parse("postgresql://backup%40corp@db.lab:6543/ilo_catalog?password_file=%2Fetc%2Filobackup%2Fpg.pw&sslmode=require");

        Assert.Equal(("db.lab", 6543, "ilo_catalog", "backup@corp"), (address.Host, address.Port, address.Database, address.Username));
        Assert.Equal("/etc/ilobackup/pg.pw", address.PasswordFile);
        Assert.Null(address.PasswordVariable);
        Assert.Equal("require", address.SslMode);
        Assert.Equal(address, PostgresCatalogAddress.Parse(address.ToString()));
        Assert.Equal(5432, PostgresCatalogAddress.Parse("postgres://u@h/d?password_env=PGPW").Port);
    }

    [Theory]
    [InlineData("postgresql://u:Sekr3t-pw@h/d")]
    [InlineData("postgresql://u@h/d?password=Sekr3t-pw")]
    public void A_password_in_the_url_is_refused_without_echoing_it(string url)
    {
        var error = Assert.Throws<FormatException>(() => PostgresCatalogAddress.Parse(url));

        Assert.DoesNotContain("Sekr3t", error.Message, StringComparison.Ordinal);
        Assert.Contains("password_file", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite:catalog.db", "postgresql://user@host")]
    [InlineData("postgresql://h/d", "needs a user")]
    [InlineData("postgresql://u@h/", "needs a user, a host and a database")]
    [InlineData("postgresql://u@h/d?colour=red", "unknown option 'colour'")]
    [InlineData("postgresql://u@h/d?password_file=a&password_env=B", "give one")]
    [InlineData("postgresql://u@h/d?password_file=", "is empty")]
    public void A_malformed_url_says_what_is_wrong(string url, string expected)
    {
        Assert.Contains(expected, Assert.Throws<FormatException>(() => PostgresCatalogAddress.Parse(url)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_password_comes_from_the_file_or_the_variable_when_connecting()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "from-the-file\n");
            var fromFile = new NpgsqlConnectionStringBuilder(
                PostgresCatalogAddress.Parse($"postgresql://u@h/d?password_file={Uri.EscapeDataString(file)}").ConnectionString());
            Assert.Equal("from-the-file", fromFile.Password);

            var variable = "ILOBACKUP_TEST_PW_" + Guid.NewGuid().ToString("N");
            var address = PostgresCatalogAddress.Parse($"postgresql://u@h/d?password_env={variable}");
            var unset = Assert.Throws<RepositoryException>(() => address.ConnectionString());
            Assert.Contains($"${variable}, which is not set", unset.Message, StringComparison.Ordinal);
            Environment.SetEnvironmentVariable(variable, "from-the-env");
            Assert.Equal("from-the-env", new NpgsqlConnectionStringBuilder(address.ConnectionString()).Password);
            Environment.SetEnvironmentVariable(variable, null);
            Assert.DoesNotContain("from-the", address.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
