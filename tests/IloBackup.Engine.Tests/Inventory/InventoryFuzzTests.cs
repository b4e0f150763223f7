using System.Text;
using CsCheck;
using IloBackup.Engine.Inventory;
using IloBackup.TestSupport.Fuzzing;
using Xunit.Abstractions;

namespace IloBackup.Engine.Tests.Inventory;

/// <summary>
/// Issue 6, "Hostile input": inventory text (YAML, CSV, plain host list) made of the tokens these
/// formats use, and mutations of valid files: parsed, or refused with an
/// <see cref="InventoryFormatException"/> naming the file, never another exception.
/// </summary>
public sealed class InventoryFuzzTests(ITestOutputHelper output)
{
    private const string ValidYaml = """
        control: http://127.0.0.1:9000
        defaults:
          user: Administrator
          password-env: ILO_PASSWORD
        hosts:
          - host: https://127.0.0.1:8443
            serial: MXQ78407Z2
            user: admin
            password-file: secrets/pw
            fingerprint: SHA256:AB:CD
            tags: [rack1, prod]
          - host: 127.0.0.1:8444
        """;

    private const string ValidCsv = "host,serial,user,password-env,tags\nhttps://127.0.0.1:8443,MXQ1,admin,ILO_PW,\"rack1,prod\"\n127.0.0.1:8444,,,,\n";

    private const string ValidList = "# rack 1\n127.0.0.1:8443\nhttps://127.0.0.1:8444\nilo-3.example\n";

    private static readonly string[] Tokens =
    [
        "hosts:", "defaults:", "control:", "- host: ", "host", "serial", "user:", "password-env:", "password-file:", "fingerprint:", "tags:",
        "[", "]", "{", "}", ",", ":", "- ", "  ", "\t", "\n", "\r\n", "#", "\"", "'", "&a", "*a", "!!binary", "---", "...", "|", ">", "?",
        "https://", "http://", "127.0.0.1", ":8443", ":0", ":99999", "[::1]", "%", "..", "/", "\\", "\u0000", "\uFEFF", "é", "💾", "SHA256:",
        "https://127.0.0.1:8443", "null", "~", "true", "0x10", "1e999", new string('a', 300),
    ];

    private static Gen<string> Soup => Gen.OneOfConst(Tokens).Array[0, 40].Select(parts => string.Concat(parts));

    private static Gen<string> Mutated => Gen.Select(Gen.OneOfConst(ValidYaml, ValidCsv, ValidList), Gen.Int)
        .Select((text, seed) => Encoding.UTF8.GetString(ByteMutator.Mutate(Encoding.UTF8.GetBytes(text), seed)));

    [Fact]
    [Trait("Category", "Fuzz")]
    public async Task Hostile_inventories_parse_or_are_refused_cleanly()
    {
        var tally = new FuzzTally("inventory files (YAML, CSV, host list)");
        await Gen.Select(Gen.Frequency((1, Soup), (1, Mutated)), Gen.Enum<InventoryFormat>()).SampleAsync(
            async sample =>
            {
                var (text, format) = sample;
                await tally.RunAsync(
                    () =>
                    {
                        _ = InventoryLoader.Detect(text);
                        var inventory = InventoryLoader.Parse(text, "fuzz.inventory", format, "/nonexistent");
                        _ = inventory.Hosts.Count;
                        return Task.CompletedTask;
                    },
                    e => e is InventoryFormatException && e.Message.Contains("fuzz.inventory", StringComparison.Ordinal),
                    () => $"{format}: {text}");
            },
            iter: FuzzBudget.Iterations(2000),
            threads: 1);
        tally.ReportAndAssert(output);
    }
}
