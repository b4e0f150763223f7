using IloBackup.Engine.Inventory;

namespace IloBackup.Engine.Tests.Inventory;

public sealed class PasswordReferenceTests
{
    [Fact]
    public async Task Environment_reference_reads_the_variable()
    {
        var reference = PasswordReference.FromEnvironment("PW_VAR");
        var value = await reference.ResolveAsync(name => name == "PW_VAR" ? "s3cret" : null, CancellationToken.None);
        Assert.Equal("s3cret", value);
        Assert.Equal("env:PW_VAR", reference.ToString());
    }

    [Fact]
    public async Task Unset_variable_names_the_variable()
    {
        var ex = await Assert.ThrowsAsync<InventoryCredentialException>(
            () => PasswordReference.FromEnvironment("PW_VAR").ResolveAsync(_ => null, CancellationToken.None));
        Assert.Contains("PW_VAR", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_reference_drops_one_trailing_newline_only()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, " pass word \n");
            var value = await PasswordReference.FromFile(path).ResolveAsync(null, CancellationToken.None);
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
            () => PasswordReference.FromFile("/nonexistent/pw").ResolveAsync(null, CancellationToken.None));
        Assert.Contains("/nonexistent/pw", ex.Message, StringComparison.Ordinal);
    }
}
