using IloBackup.Engine.Repository.Encryption;

namespace IloBackup.Engine.Tests.Repository.Encryption;

internal static class RepositoryKeyTestExtensions
{
    /// <summary>The secret bytes of a key, to build an equal key in a test.</summary>
    public static byte[] SecretForTests(this RepositoryKey key) => key.Secret.ToArray();
}
