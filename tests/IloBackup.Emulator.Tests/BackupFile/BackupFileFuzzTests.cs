using CsCheck;
using IloBackup.Emulator.BackupFile;
using IloBackup.TestSupport.Fuzzing;
using Xunit.Abstractions;

namespace IloBackup.Emulator.Tests.BackupFile;

/// <summary>
/// Issue 6, "Hostile input": mutated backup files (header and chunks, with and without a
/// password) are either the untouched original or refused with a <see cref="BackupFileException"/>;
/// never another exception, and never a changed file accepted.
/// </summary>
public sealed class BackupFileFuzzTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Fuzz")]
    public async Task Mutated_files_are_refused_with_a_clear_reason()
    {
        byte[][] originals =
        [
            await BackupFileSamples.WriteAsync(BackupFileSamples.Payload(768), BackupFileSamples.Deterministic()),
            await BackupFileSamples.WriteAsync(BackupFileSamples.Payload(768), BackupFileSamples.Deterministic(BackupFileSamples.VectorPassword)),
            await BackupFileSamples.WriteAsync([], BackupFileSamples.Deterministic()),
        ];
        string?[] passwords = [null, BackupFileSamples.VectorPassword, null];
        var tally = new FuzzTally("backup file (header and chunks)");
        var gen = Gen.Select(Gen.Int[0, originals.Length - 1], Gen.Int, Gen.Bool);
        await gen.SampleAsync(
            async sample =>
            {
                var (which, seed, wrongPassword) = sample;
                var mutated = ByteMutator.Mutate(originals[which], seed);
                var password = wrongPassword ? "not the password" : passwords[which];
                await tally.RunAsync(
                    async () =>
                    {
                        _ = await BackupFileCodec.ReadHeaderAsync(new MemoryStream(mutated));
                        _ = await BackupFileCodec.VerifyAsync(new MemoryStream(mutated), password, Stream.Null);
                        if (!mutated.AsSpan().SequenceEqual(originals[which]))
                        {
                            throw new InvalidOperationException("a changed file was accepted");
                        }
                    },
                    e => e is BackupFileException,
                    () => $"original {which}, seed {seed}, wrong password {wrongPassword}");
            },
            iter: FuzzBudget.Iterations(1500),
            threads: 1);
        tally.ReportAndAssert(output);
    }

    [Fact]
    [Trait("Category", "Fuzz")]
    public async Task Random_bytes_behind_the_magic_are_refused()
    {
        var tally = new FuzzTally("backup file (random bytes after the magic)");
        await Gen.Byte.Array[0, 600].SampleAsync(
            async tail =>
            {
                byte[] file = [.. BackupFileFormat.Magic, .. tail];
                await tally.RunAsync(
                    async () => await BackupFileCodec.VerifyAsync(new MemoryStream(file), "some password", Stream.Null),
                    e => e is BackupFileException,
                    () => Convert.ToHexString(file));
            },
            iter: FuzzBudget.Iterations(1000),
            threads: 1);
        tally.ReportAndAssert(output);
    }
}
