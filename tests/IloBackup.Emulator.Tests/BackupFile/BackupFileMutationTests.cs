using IloBackup.Emulator.BackupFile;

namespace IloBackup.Emulator.Tests.BackupFile;

/// <summary>No single change to a file, however small, gets past the reader, and none crashes it.</summary>
public class BackupFileMutationTests
{
    public static TheoryData<string?> Passwords => new() { null, BackupFileSamples.VectorPassword };

    private static Task<byte[]> SmallFileAsync(string? password) =>
        BackupFileSamples.WriteAsync(BackupFileSamples.Payload(600), BackupFileSamples.Deterministic(password));

    [Theory]
    [MemberData(nameof(Passwords))]
    public async Task Every_single_byte_flip_is_refused(string? password)
    {
        var file = await SmallFileAsync(password);
        var random = new Random(1234);

        for (var i = 0; i < file.Length; i++)
        {
            var mutated = (byte[])file.Clone();
            mutated[i] ^= (byte)random.Next(1, 256);
            await AssertRefusedAsync(mutated, password, $"flip at {i}");
        }
    }

    [Theory]
    [MemberData(nameof(Passwords))]
    public async Task Every_truncation_is_refused(string? password)
    {
        var file = await SmallFileAsync(password);

        for (var length = 0; length < file.Length; length++)
        {
            await AssertRefusedAsync(file[..length], password, $"cut to {length}");
        }
    }

    [Fact]
    public async Task Random_multi_byte_mutations_are_refused()
    {
        var file = await SmallFileAsync(null);
        var random = new Random(42);

        for (var round = 0; round < 2000; round++)
        {
            var mutated = Mutate(file, random);
            if (mutated.AsSpan().SequenceEqual(file))
            {
                continue;
            }

            await AssertRefusedAsync(mutated, null, $"round {round}");
        }
    }

    private static byte[] Mutate(byte[] file, Random random)
    {
        var list = file.ToList();
        var edits = random.Next(1, 5);
        for (var i = 0; i < edits; i++)
        {
            var at = random.Next(list.Count);
            switch (random.Next(4))
            {
                case 0:
                    list[at] = (byte)random.Next(256);
                    break;
                case 1:
                    list.Insert(at, (byte)random.Next(256));
                    break;
                case 2:
                    list.RemoveAt(at);
                    break;
                default:
                    var length = Math.Min(random.Next(1, 40), list.Count - at);
                    var block = list.GetRange(at, length);
                    list.RemoveRange(at, length);
                    list.InsertRange(random.Next(list.Count + 1), block);
                    break;
            }
        }

        return [.. list];
    }

    private static async Task AssertRefusedAsync(byte[] file, string? password, string what)
    {
        try
        {
            await BackupFileSamples.ReadAsync(file, password);
        }
        catch (BackupFileException)
        {
            return;
        }

        Assert.Fail($"The mutated file was accepted ({what}).");
    }
}
