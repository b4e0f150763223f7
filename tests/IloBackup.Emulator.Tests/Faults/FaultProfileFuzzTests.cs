using System.Text;
using CsCheck;
using IloBackup.Emulator.Faults;
using IloBackup.TestSupport.Fuzzing;
using Xunit.Abstractions;

namespace IloBackup.Emulator.Tests.Faults;

/// <summary>
/// Issue 6, "Hostile input", for fault profiles (JSON and YAML): token soup and mutations of valid
/// profiles are read, or refused with a <see cref="FormatException"/>, never another exception.
/// </summary>
public sealed class FaultProfileFuzzTests(ITestOutputHelper output)
{
    private const string ValidYaml = "seed: 6\nlatencyMs: 20\nfaults:\n  - kind: hang\n    share: 0.01\n  - { kind: unavailable, ilos: [3, 7], rate: 0.5, times: 4, value: 2 }\n";

    private const string ValidJson = """{"seed": 6, "resetSeconds": 5, "faults": [{"kind": "hang", "share": 0.01}, {"kind": "unavailable", "ilos": [3], "rate": 0.5}]}""";

    private static readonly string[] Tokens =
    [
        "seed:", "latencyMs:", "backupSeconds:", "resetSeconds:", "faults:", "- kind: ", "kind:", "share:", "ilos:", "rate:", "times:", "value:",
        "hang", "unavailable", "self-reset", "[", "]", "{", "}", ",", ":", "- ", "  ", "\t", "\n", "#", "\"", "'", "&a", "*a", "!!binary", "---",
        "|", ">", "?", "null", "~", "true", "0x10", "1e999", "-1", "0.5", "2147483648", "1.5", "\u0000", "é", new string('a', 300),
    ];

    private static Gen<string> Soup => Gen.OneOfConst(Tokens).Array[0, 40].Select(parts => string.Concat(parts));

    private static Gen<string> Mutated => Gen.Select(Gen.OneOfConst(ValidYaml, ValidJson), Gen.Int)
        .Select((text, seed) => Encoding.UTF8.GetString(ByteMutator.Mutate(Encoding.UTF8.GetBytes(text), seed)));

    [Fact]
    [Trait("Category", "Fuzz")]
    public async Task Hostile_profiles_are_read_or_refused_cleanly()
    {
        var tally = new FuzzTally("fault profiles (YAML, JSON)");
        await Gen.Select(Gen.Frequency((1, Soup), (1, Mutated)), Gen.Bool).SampleAsync(
            async sample =>
            {
                var (text, yaml) = sample;
                await tally.RunAsync(
                    () =>
                    {
                        var profile = yaml ? FaultProfile.ParseYaml(text) : FaultProfile.Parse(text);
                        _ = profile.Assign(20);
                        return Task.CompletedTask;
                    },
                    e => e is FormatException && e.Message.Length > 0,
                    () => $"{(yaml ? "YAML" : "JSON")}: {text}");
            },
            iter: FuzzBudget.Iterations(2000),
            threads: 1);
        tally.ReportAndAssert(output);
    }
}
