using IloBackup.Engine.Inventory;
using IloBackup.Engine.Secrets;

namespace IloBackup.Engine.Tests.Inventory;

public sealed class SecretSourceTests
{
    [Fact]
    public async Task Environment_reference_reads_the_variable()
    {
        var reference = SecretSource.FromEnvironment("PW_VAR");
        var value = await reference.ResolveAsync(new SecretReader(name => name == "PW_VAR" ? "s3cret" : null), CancellationToken.None);
        Assert.Equal("s3cret", value);
        Assert.Equal("env:PW_VAR", reference.ToString());
    }

    [Fact]
    public async Task Unset_variable_names_the_variable()
    {
        var ex = await Assert.ThrowsAsync<InventoryCredentialException>(
            () => SecretSource.FromEnvironment("PW_VAR").ResolveAsync(new SecretReader(_ => null), CancellationToken.None));
        Assert.Contains("PW_VAR", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_reference_drops_one_trailing_newline_only()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, " pass word \n");
            var value = await SecretSource.FromFile(path).ResolveAsync(null, CancellationToken.None);
            Assert.Equal(" pass word ", value);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Unreadable_file_error_names_the_file_but_not_a_secret()
    {
        var ex = await Assert.ThrowsAsync<InventoryCredentialException>(
            () => SecretSource.FromFile("/nonexistent/pw").ResolveAsync(null, CancellationToken.None));
        Assert.Contains("/nonexistent/pw", ex.Message, StringComparison.Ordinal);
    }
}
