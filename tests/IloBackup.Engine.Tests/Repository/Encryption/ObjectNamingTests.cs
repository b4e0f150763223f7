using System.Security.Cryptography;
using IloBackup.Engine.Repository.Encryption;

namespace IloBackup.Engine.Tests.Repository.Encryption;

public sealed class ObjectNamingTests
{
    [Fact]
    public void Names_are_the_same_for_one_key_and_differ_across_keys_and_from_the_hash()
    {
        using var key = RepositoryKey.Generate();
        using var sameKey = RepositoryKey.FromBytes(key.SecretForTests());
        using var otherKey = RepositoryKey.Generate();
        var sha = Convert.ToHexStringLower(SHA256.HashData("backup bytes"u8));
        var otherSha = Convert.ToHexStringLower(SHA256.HashData("other bytes"u8));

        var name = key.ObjectName(sha);

        Assert.Equal(name, key.ObjectName(sha));
        Assert.Equal(name, sameKey.ObjectName(sha));
        Assert.NotEqual(name, otherKey.ObjectName(sha));
        Assert.NotEqual(name, key.ObjectName(otherSha));
        Assert.NotEqual(sha, name);
        Assert.Matches("^[0-9a-f]{64}$", name);
    }

    [Fact]
    public void A_name_is_the_HMAC_SHA256_of_the_hash_bytes_under_the_naming_key()
    {
        using var key = RepositoryKey.FromBytes(new byte[32]);
        var sha = new string('0', 63) + "1";
        var namingKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, new byte[32], 32, [], "ilobackup/v1/object-naming-key"u8.ToArray());

        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(namingKey, Convert.FromHexString(sha)));

        Assert.Equal(expected, key.ObjectName(sha));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    [InlineData("g000000000000000000000000000000000000000000000000000000000000000")]
    public void Only_a_lower_case_hex_SHA256_is_named(string sha)
    {
        using var key = RepositoryKey.Generate();

        Assert.Throws<ArgumentException>(() => key.ObjectName(sha));
    }

    [Fact]
    public void Key_ids_differ_across_keys_and_a_key_is_32_bytes()
    {
        using var one = RepositoryKey.Generate();
        using var two = RepositoryKey.Generate();

        Assert.NotEqual(one.IdHex, two.IdHex);
        Assert.Throws<ArgumentException>(() => RepositoryKey.FromBytes(new byte[31]));
    }
}
