using System.Buffers.Binary;
using IloBackup.Emulator.BackupFile;

namespace IloBackup.Emulator.Tests.BackupFile;

/// <summary>
/// No two different passwords open the same file. Before format version 2, PBKDF2 took the bare
/// UTF-8 password as its HMAC key, and HMAC pads a short key with zeros: `pw` and `pw\0` derived the
/// same key, and a wrong password opened a protected backup (issue 14).
/// </summary>
public class BackupFilePasswordTests
{
    private static readonly byte[] Payload = BackupFileSamples.Payload(700);

    /// <summary>Near-variants of a password: a trailing NUL (one or many), other control characters, case, spaces.</summary>
    public static TheoryData<string, string> NearVariants => new()
    {
        { "pw", "pw\0" },
        { "pw", "pw\0\0\0\0\0\0\0\0" },
        { "pw", "\0pw" },
        { "pw", "pw\t" },
        { "pw", "pw\n" },
        { "pw", "pw\u007f" },
        { "pw", "pw\u0085" },
        { "pw", "pw " },
        { "pw", "Pw" },
        { "pw", "p" },
        { "password1234567890123456789012", "password1234567890123456789012\0" },
        { "a\\uFFFD", "a\\uD800" },
        { "a\\uFFFD", "a\\uDC00" },
    };

    [Theory]
    [MemberData(nameof(NearVariants))]
    public async Task A_near_variant_of_the_password_does_not_open_the_file(string password, string variant)
    {
        (password, variant) = (Unescape(password), Unescape(variant));
        var file = await BackupFileSamples.WriteAsync(Payload, BackupFileSamples.Deterministic(password));

        Assert.Equal(BackupFileRefusal.WrongPassword, await BackupFileSamples.RefusalAsync(file, variant));
        Assert.Equal(Payload, (await BackupFileSamples.ReadAsync(file, password)).Payload);
    }

    [Fact]
    public async Task Distinct_passwords_never_open_each_others_files()
    {
        // Every pair among passwords whose bytes differ only by trailing zeros, prefixes and lengths.
        string[] passwords = ["a", "ab", "a b", "ab ", "abc", "b", "\u00e9", "e\u0301", "\U0001F511", "x".PadRight(32, 'y')];
        var files = new List<byte[]>();
        foreach (var password in passwords)
        {
            files.Add(await BackupFileSamples.WriteAsync(Payload, BackupFileSamples.Deterministic(password)));
        }

        for (var i = 0; i < passwords.Length; i++)
        {
            for (var j = 0; j < passwords.Length; j++)
            {
                if (i != j)
                {
                    Assert.Equal(BackupFileRefusal.WrongPassword, await BackupFileSamples.RefusalAsync(files[i], passwords[j]));
                }
            }
        }
    }

    [Theory]
    [InlineData("pw\0")]
    [InlineData("\tpw")]
    [InlineData("p\nw")]
    [InlineData("pw\u009b")]
    [InlineData("pw\\uD800")]
    [InlineData("\\uDC00pw")]
    public async Task A_password_with_a_control_character_or_lone_surrogate_cannot_protect_a_file(string password)
    {
        password = Unescape(password);
        await Assert.ThrowsAsync<ArgumentException>(() => BackupFileSamples.WriteAsync(Payload, BackupFileSamples.Deterministic(password)));
    }

    [Fact]
    public async Task The_version_2_derivation_itself_separates_trailing_zeros_which_version_1_did_not()
    {
        // Below the refusal of control characters: the keys themselves, derived straight from a header.
        var file = await BackupFileSamples.WriteAsync(Payload, BackupFileSamples.Deterministic("pw"));
        var header = await BackupFileCodec.ReadHeaderAsync(new MemoryStream(file));
        var v1Header = header with { FormatVersion = 1, Kdf = BackupFileKdf.Pbkdf2HmacSha256 };

        using (var plain = BackupFileKeys.Derive(header, "pw"))
        using (var nul = BackupFileKeys.Derive(header, "pw\0"))
        {
            Assert.NotEqual(plain.MacKey, nul.MacKey);
            Assert.NotEqual(plain.ChunkKey, nul.ChunkKey);
        }

        using var v1Plain = BackupFileKeys.Derive(v1Header, "pw");
        using var v1Nul = BackupFileKeys.Derive(v1Header, "pw\0");
        Assert.Equal(v1Plain.MacKey, v1Nul.MacKey);
    }

    [Fact]
    public async Task A_password_with_a_surrogate_pair_protects_and_opens()
    {
        var file = await BackupFileSamples.WriteAsync(Payload, BackupFileSamples.Deterministic("key \U0001F511"));

        Assert.Equal(Payload, (await BackupFileSamples.ReadAsync(file, "key \U0001F511")).Payload);
    }

    [Fact]
    public async Task Version_1_file_is_still_read_but_the_NUL_variant_is_refused_before_any_key_is_derived()
    {
        var file = await File.ReadAllBytesAsync(Path.Combine(BackupFileSamples.VectorsDirectory, "v1-password.bak"));

        Assert.Equal(1, (await BackupFileSamples.ReadAsync(file, BackupFileSamples.VectorPassword)).Header.FormatVersion);
        Assert.Equal(BackupFileRefusal.WrongPassword, await BackupFileSamples.RefusalAsync(file, BackupFileSamples.VectorPassword + "\0"));
    }

    [Fact]
    public async Task A_version_2_header_naming_the_version_1_derivation_is_refused()
    {
        var file = await BackupFileSamples.WriteAsync(Payload, BackupFileSamples.Deterministic("pw"));
        file[13] = (byte)BackupFileKdf.Pbkdf2HmacSha256;

        Assert.Equal(BackupFileRefusal.UnsupportedKdf, await BackupFileSamples.RefusalAsync(file, "pw"));
    }

    [Fact]
    public async Task A_version_1_header_naming_the_version_2_derivation_is_refused()
    {
        var file = await BackupFileSamples.WriteAsync(Payload, BackupFileSamples.Deterministic("pw"));
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(8), 1);

        Assert.Equal(BackupFileRefusal.UnsupportedKdf, await BackupFileSamples.RefusalAsync(file, "pw"));
    }

    /// <summary>Lone surrogates do not survive xUnit's serialization of theory data, so they travel as <c>\\uXXXX</c>.</summary>
    private static string Unescape(string text) => System.Text.RegularExpressions.Regex.Unescape(text);
}
