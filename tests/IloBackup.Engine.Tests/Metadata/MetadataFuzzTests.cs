using IloBackup.Engine.Identity;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using IloBackup.Engine.Metadata;
using IloBackup.Engine.Repository;
using IloBackup.TestSupport.Fuzzing;
using Xunit.Abstractions;

namespace IloBackup.Engine.Tests.Metadata;

/// <summary>
/// Issue 6, "Hostile input": repository metadata. A sidecar <c>.json</c> of random fields and
/// values, or a mutated valid one, is read or refused with an <see cref="InvalidDataException"/>;
/// catalog snapshot text of any shape fingerprints without throwing.
/// </summary>
public sealed class MetadataFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] Fields =
    [
        "formatVersion", "fileName", "host", "serialNumber", "productName", "productId", "iloGeneration", "firmwareVersion", "createdUtc",
        "sizeBytes", "sha256", "passwordProtected", "tool", "snapshot", "x",
    ];

    private static readonly Gen<JsonNode?> Value = Gen.OneOf<JsonNode?>(
        Gen.Long.Select(l => (JsonNode?)l),
        Gen.Double.Select(d => double.IsFinite(d) ? (JsonNode?)d : 1e308),
        Gen.Bool.Select(b => (JsonNode?)b),
        Gen.String[0, 30].Select(s => (JsonNode?)s),
        Gen.OneOfConst("2026-11-23T21:30:00Z", "not a date", "9999-99-99", "", "HPE_MXQ1_20261123_2130.bak", "../../etc/passwd")
            .Select(s => (JsonNode?)s),
        Gen.Bool.Select(_ => (JsonNode?)null),
        Gen.Int.Select(i => (JsonNode?)new JsonArray(i)),
        Gen.Int.Select(i => (JsonNode?)new JsonObject { ["a"] = i }));

    private static byte[] ValidSidecar() => Encoding.UTF8.GetBytes(new BackupMetadata
    {
        FileName = "HPE_MXQ1_20261123_2130.bak",
        Host = "https://127.0.0.1:8443",
        Identity = IloIdentity.OfSerial("MXQ1"),
        CreatedUtc = new DateTimeOffset(2026, 11, 23, 21, 30, 0, TimeSpan.Zero),
        SizeBytes = 4096,
        Sha256 = new string('a', 64),
        Snapshot = new JsonObject { ["HostName"] = "ilo-1" },
    }.ToJson().ToJsonString());

    [Fact]
    [Trait("Category", "Fuzz")]
    public async Task Hostile_sidecars_are_read_or_refused_cleanly()
    {
        var directory = Directory.CreateTempSubdirectory("ilobackup-fuzz-");
        try
        {
            var backup = Path.Combine(directory.FullName, "HPE_MXQ1_20261123_2130.bak");
            var valid = ValidSidecar();
            var tally = new FuzzTally("repository metadata (sidecar JSON)");
            var random = Gen.Dictionary(Gen.OneOfConst(Fields), Value)[0, 10]
                .Select(d => Encoding.UTF8.GetBytes(new JsonObject(d.Select(p => KeyValuePair.Create(p.Key, p.Value))).ToJsonString()));
            var mutated = Gen.Int.Select(seed => ByteMutator.Mutate(valid, seed));
            // The same field twice (a hand-edited or concatenated sidecar).
            var duplicated = Gen.Select(Gen.OneOfConst(Fields), Value).Select((field, value) =>
                Encoding.UTF8.GetBytes("{\"" + field + "\":1," + Encoding.UTF8.GetString(valid)[1..].Replace("}", ",\"" + field + "\":" + (value?.ToJsonString() ?? "null") + "}", StringComparison.Ordinal)));
            await Gen.Frequency((2, random), (2, mutated), (1, duplicated)).SampleAsync(
                async bytes =>
                {
                    await File.WriteAllBytesAsync(BackupMetadataFile.SidecarPath(backup), bytes);
                    await tally.RunAsync(
                        async () => _ = await BackupMetadataFile.TryReadAsync(backup, CancellationToken.None),
                        e => e is InvalidDataException,
                        () => Encoding.UTF8.GetString(bytes));
                },
                iter: FuzzBudget.Iterations(1500),
                threads: 1);
            tally.ReportAndAssert(output);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    [Trait("Category", "Fuzz")]
    public async Task Any_catalog_snapshot_text_fingerprints_without_throwing()
    {
        var tally = new FuzzTally("catalog snapshot text");
        var json = Gen.Dictionary(Gen.OneOfConst(Fields), Value)[0, 6].Select(d => new JsonObject(d.Select(p => KeyValuePair.Create(p.Key, p.Value))).ToJsonString());
        var text = Gen.Frequency(
            (3, json),
            (2, Gen.Select(json, Gen.Int).Select((t, seed) => Encoding.UTF8.GetString(ByteMutator.Mutate(Encoding.UTF8.GetBytes(t), seed)))),
            (1, Gen.OneOfConst("null", "[]", "1", "\"s\"", "", " ", string.Concat(Enumerable.Repeat("[", 200)), "{\"a\":1,\"a\":2}")),
            (1, Gen.String[0, 80]));
        await text.SampleAsync(
            sample => tally.RunAsync(
                () =>
                {
                    _ = SnapshotFingerprint.Compute(sample);
                    return Task.CompletedTask;
                },
                _ => false,
                () => sample),
            iter: FuzzBudget.Iterations(2000),
            threads: 1);
        tally.ReportAndAssert(output);
    }
}
