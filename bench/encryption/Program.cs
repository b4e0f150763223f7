using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using IloBackup.Engine.Repository.Encryption;

// encryption-bench DIR SIZE_MIB RUNS
// Three ways through the same file, in turn, RUNS times each (a busy moment hits all alike):
//   plain    read the file, SHA-256 it, write a copy            (the repository today)
//   encrypt  read the file, SHA-256 it, write it encrypted      (EncryptingStream)
//   decrypt  read the encrypted copy, decrypt, SHA-256, write   (DecryptingStream)
// Prints the median MiB/s of each, its ratio to plain, and the bytes each allocated.
if (args.Length != 3)
{
    await Console.Error.WriteLineAsync("usage: encryption-bench DIR SIZE_MIB RUNS").ConfigureAwait(false);
    return 2;
}

var dir = args[0];
var size = long.Parse(args[1], CultureInfo.InvariantCulture) * 1024 * 1024;
var runs = int.Parse(args[2], CultureInfo.InvariantCulture);
var source = Path.Combine(dir, "plain.bin");
var encrypted = Path.Combine(dir, "encrypted.bin");
var output = Path.Combine(dir, "out.bin");
const int Buffer = 64 * 1024;

await using (var file = Open(source, write: true))
{
    var block = new byte[Buffer];
    for (long at = 0; at < size; at += block.Length)
    {
        RandomNumberGenerator.Fill(block);
        await file.WriteAsync(block.AsMemory(0, (int)Math.Min(block.Length, size - at))).ConfigureAwait(false);
    }
}

using var key = RepositoryKey.Generate();
var expected = await HashFileAsync(source).ConfigureAwait(false);
var times = new Dictionary<string, List<double>> { ["plain"] = [], ["encrypt"] = [], ["decrypt"] = [] };
var allocated = new Dictionary<string, long>();

for (var run = 0; run <= runs; run++)
{
    // Run 0 warms up (JIT, page cache) and is not counted.
    await MeasureAsync("plain", run, async () =>
    {
        await using var input = Open(source, write: false);
        await using var copy = Open(output, write: true);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[Buffer];
        int read;
        while ((read = await input.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await copy.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }).ConfigureAwait(false);
    await MeasureAsync("encrypt", run, async () =>
    {
        await using var input = Open(source, write: false);
        await using var sealedFile = Open(encrypted, write: true);
        return (await ObjectEncryption.EncryptAsync(key, input, sealedFile, CancellationToken.None).ConfigureAwait(false)).Sha256;
    }).ConfigureAwait(false);
    await MeasureAsync("decrypt", run, async () =>
    {
        await using var input = Open(encrypted, write: false);
        await using var plain = Open(output, write: true);
        return (await ObjectEncryption.DecryptAsync(key, input, plain, CancellationToken.None).ConfigureAwait(false)).Sha256;
    }).ConfigureAwait(false);
}

var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "?";
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{size / 1024 / 1024} MiB file, median of {runs} runs (after one warm-up), {Environment.ProcessorCount} cores, {cpu}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"encrypted size: {new FileInfo(encrypted).Length} bytes (+{new FileInfo(encrypted).Length - size} over the plaintext)"));
Console.WriteLine();
Console.WriteLine($"{"path",-26} | {"median s",9} | {"MiB/s",8} | {"vs plain",8} | {"allocated",10}");
var plainMedian = Median(times["plain"]);
foreach (var (name, label) in new[] { ("plain", "plain copy + SHA-256"), ("encrypt", "encrypt + SHA-256"), ("decrypt", "decrypt + SHA-256") })
{
    var median = Median(times[name]);
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{label,-26} | {median,9:F3} | {size / 1048576.0 / median,8:F0} | {median / plainMedian,7:F2}x | {allocated[name] / 1024,7} KiB"));
}

return 0;

async Task MeasureAsync(string name, int run, Func<Task<string>> body)
{
    var before = GC.GetTotalAllocatedBytes(precise: true);
    var watch = Stopwatch.StartNew();
    var sha = await body().ConfigureAwait(false);
    watch.Stop();
    var after = GC.GetTotalAllocatedBytes(precise: true);
    if (!string.Equals(sha, expected, StringComparison.Ordinal))
    {
        throw new InvalidOperationException($"{name}: SHA-256 {sha} differs from the file's {expected}");
    }

    if (run > 0)
    {
        times[name].Add(watch.Elapsed.TotalSeconds);
        allocated[name] = Math.Max(allocated.GetValueOrDefault(name), after - before);
    }
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static FileStream Open(string path, bool write) => write
    ? new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous)
    : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);

static async Task<string> HashFileAsync(string path)
{
    await using var stream = Open(path, write: false);
    return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream).ConfigureAwait(false));
}
