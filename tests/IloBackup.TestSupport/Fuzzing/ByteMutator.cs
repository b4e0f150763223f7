namespace IloBackup.TestSupport.Fuzzing;

/// <summary>Seeded mutations of a valid input (flips, interesting bytes, cuts, duplications, insertions), as a fuzzer makes them.</summary>
public static class ByteMutator
{
    private static readonly byte[] Interesting = [0x00, 0x01, 0x7F, 0x80, 0xFF, (byte)'\r', (byte)'\n', (byte)'-', (byte)'"', (byte)'{', (byte)'}'];

    public static byte[] Mutate(byte[] input, int seed, int maxMutations = 4)
    {
        ArgumentNullException.ThrowIfNull(input);
#pragma warning disable CA5394 // Seeded, reproducible randomness is the point of a fuzzer.
        var random = new Random(seed);
        var data = new List<byte>(input);
        var count = random.Next(1, maxMutations + 1);
        for (var i = 0; i < count; i++)
        {
            var at = data.Count == 0 ? 0 : random.Next(data.Count);
            switch (random.Next(7))
            {
                case 0 when data.Count > 0:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when data.Count > 0:
                    data[at] = Interesting[random.Next(Interesting.Length)];
                    break;
                case 2:
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 3 when data.Count > 0:
                    data.RemoveRange(at, Math.Min(data.Count - at, random.Next(1, 64)));
                    break;
                case 4 when data.Count > 0:
                    var length = Math.Min(data.Count - at, random.Next(1, 64));
                    data.InsertRange(at, data.GetRange(at, length));
                    break;
                case 5:
                    var bytes = new byte[random.Next(1, 32)];
                    random.NextBytes(bytes);
                    data.InsertRange(at, bytes);
                    break;
                default:
                    if (data.Count >= 4)
                    {
                        var value = BitConverter.GetBytes(random.Next(3) switch { 0 => int.MaxValue, 1 => -1, _ => random.Next() });
                        var where = random.Next(data.Count - 3);
                        for (var j = 0; j < 4; j++)
                        {
                            data[where + j] = value[j];
                        }
                    }

                    break;
            }
        }
#pragma warning restore CA5394

        return [.. data];
    }
}
