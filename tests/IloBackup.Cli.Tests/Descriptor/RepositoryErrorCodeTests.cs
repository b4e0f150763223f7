using IloBackup.Cli.Output;
using IloBackup.Engine.Repository.Encryption;

namespace IloBackup.Cli.Tests.Descriptor;

/// <summary>Failures of a repository file's parts that may escape a verb keep the JSON code <c>repository</c> (docs/json-output.md).</summary>
public sealed class RepositoryErrorCodeTests
{
    public static TheoryData<Exception> Escaping() => new()
    {
        new ObjectDecryptionException(DecryptionFailure.Damaged, "segment 3 failed authentication"),
        new InvalidDataException("the object s3://b/k is damaged"),
        new Npgsql.NpgsqlException("connection lost"),
    };

    [Theory]
    [MemberData(nameof(Escaping))]
    public void A_decryption_store_or_postgres_failure_is_a_repository_error(Exception exception) =>
        Assert.Equal("repository", ErrorReport.Code(exception, ExitCodes.Failed));

    [Fact]
    public void Anything_else_stays_failed() =>
        Assert.Equal("failed", ErrorReport.Code(new InvalidOperationException("x"), ExitCodes.Failed));
}
