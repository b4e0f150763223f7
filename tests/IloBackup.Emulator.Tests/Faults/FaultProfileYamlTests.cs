using IloBackup.Emulator.Faults;

namespace IloBackup.Emulator.Tests.Faults;

/// <summary>Fault profiles written as YAML: the same keys and checks as JSON, errors with their line.</summary>
public sealed class FaultProfileYamlTests
{
    private const string Json = """
        {"seed": 7, "latencyMs": 20, "backupSeconds": 1.5, "resetSeconds": 5,
         "faults": [{"kind": "hang", "share": 0.1}, {"kind": "login-refused", "share": 0.1},
                    {"kind": "unavailable", "ilos": [0, 3], "rate": 0.5, "times": 0, "value": 2}]}
        """;

    private const string Yaml = """
        # the same profile as Json
        seed: 7
        latencyMs: 20
        backupSeconds: 1.5
        resetSeconds: 5
        faults:
          - kind: hang
            share: 0.1
          - { kind: login-refused, share: 0.1 }
          - kind: unavailable
            ilos: [0, 3]
            rate: 0.5
            times: 0
            value: 2
        """;

    [Fact]
    public void A_yaml_profile_reads_as_the_same_json_profile()
    {
        var yaml = FaultProfile.ParseYaml(Yaml);
        var json = FaultProfile.Parse(Json);
        Assert.Equal(Describe(json), Describe(yaml));
        Assert.Equal((7, 20.0, 1.5, 5.0), (yaml.Seed, yaml.LatencyMs!.Value, yaml.BackupSeconds!.Value, yaml.ResetSeconds!.Value));
        Assert.Equal(json.Assign(60).Select(f => string.Join(',', f.Select(s => s.Kind))), yaml.Assign(60).Select(f => string.Join(',', f.Select(s => s.Kind))));
    }

    [Fact]
    public void The_bench_profile_in_yaml_equals_the_json_one()
    {
        var bench = Path.Combine(RepositoryRoot(), "bench", "faulty-fleet");
        var yaml = FaultProfile.Load(Path.Combine(bench, "profile.yaml"));
        Assert.Equal(Describe(FaultProfile.Load(Path.Combine(bench, "profile.json"))), Describe(yaml));
        Assert.Equal(10, yaml.Faults.Count);
    }

    [Theory]
    [InlineData("seed: 3\nfaults:\n  - kind: meltdown\n", "line 3: unknown fault 'meltdown'")]
    [InlineData("seed: 3\nfaults:\n  - kind: hang\n    colour: red\n", "line 4: unknown fault key 'colour'")]
    [InlineData("seed: 3\nsead: 4\n", "line 2: unknown profile key 'sead'")]
    [InlineData("seed: 3\nfaults:\n  - kind: hang\n    share: 2\n", "line 3: hang: share must be 0..1")]
    [InlineData("seed: 3\nfaults:\n  - kind: hang\n    rate: -1\n", "line 4: 'rate' must be a number of at least 0")]
    [InlineData("seed: lots\n", "line 1: 'seed' must be a number")]
    [InlineData("seed: 1.5\n", "line 1: 'seed' must be a whole number")]
    [InlineData("faults: hang\n", "line 1: 'faults' must be a list")]
    [InlineData("faults:\n  - hang\n", "line 2: each fault is a mapping")]
    [InlineData("faults:\n  - kind: hang\n    ilos: [1, x]\n", "line 3: 'ilos' must hold iLO indexes")]
    [InlineData("faults:\n  - share: 0.1\n", "line 2: a fault needs \"kind\"")]
    [InlineData("- seed: 1\n", "line 1: a fault profile is a mapping")]
    [InlineData("seed: 1\nseed: 2\n", "line 2:")]
    [InlineData("seed: [1\n", "not valid YAML")]
    [InlineData("faults:\n  - kind: hang\n\tshare: 1\n", "not valid YAML")]
    [InlineData("", "empty")]
    [InlineData("seed: '7'\n", "line 1: 'seed' must be a number")]
    public void Bad_yaml_profiles_are_refused_with_their_line(string yaml, string expected)
    {
        var error = Assert.Throws<FormatException>(() => FaultProfile.ParseYaml(yaml));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_bomb_is_refused_not_expanded()
    {
        var yaml = "a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n";
        for (var i = 0; i < 8; i++)
        {
            var previous = (char)('a' + i);
            var next = (char)('b' + i);
            yaml += $"{next}: &{next} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}]\n";
        }

        var error = Assert.Throws<FormatException>(() => FaultProfile.ParseYaml(yaml));
        Assert.Contains("too deep or repeats too much", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_errors_name_where_they_are()
    {
        var error = Assert.Throws<FormatException>(() => FaultProfile.Parse("""{"faults": [{"kind": "hang"}, {"kind": "hang", "colour": 1}]}"""));
        Assert.Contains("$.faults[1].colour: unknown fault key 'colour'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_json_key_is_a_clean_refusal()
    {
        // Found by the profile fuzzing: JsonNode threw an ArgumentException on first use of the object.
        var error = Assert.Throws<FormatException>(() => FaultProfile.Parse("""{"seed": 6, "resetSeconds": 5, "resetSeconds": 5}"""));
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    private static string Describe(FaultProfile profile) =>
        $"{profile.Seed} {profile.LatencyMs} {profile.BackupSeconds} {profile.ResetSeconds} | "
        + string.Join(" | ", profile.Faults.Select(f => $"{f.Kind} {f.Share} [{string.Join(',', f.Ilos ?? [])}] {f.Rate} {f.Times} {f.Value}"));

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "IloBackup.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("IloBackup.slnx not found above " + AppContext.BaseDirectory);
    }
}
