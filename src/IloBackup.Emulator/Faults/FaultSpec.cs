using System.Globalization;

namespace IloBackup.Emulator.Faults;

/// <summary>
/// One fault: which kind, on which iLOs (a <see cref="Share"/> of the fleet picked with the
/// profile's seed, or the listed <see cref="Ilos"/>, or every iLO), how often it fires
/// (<see cref="Rate"/>: the chance per request it applies to, drawn from the iLO's seeded random
/// numbers) and at most how many times (<see cref="Times"/>).
/// </summary>
public sealed record FaultSpec
{
    public required FaultKind Kind { get; init; }

    /// <summary>Share of the fleet (0..1) that gets the fault; null with <see cref="Ilos"/> or for every iLO.</summary>
    public double? Share { get; init; }

    /// <summary>The iLO indexes that get the fault; null: see <see cref="Share"/>.</summary>
    public IReadOnlyList<int>? Ilos { get; init; }

    /// <summary>Chance (0..1) that a request the fault applies to is hit.</summary>
    public double Rate { get; init; } = 1;

    /// <summary>At most this many hits per iLO; 0: no limit; null: the kind's default (<see cref="DefaultTimes"/>).</summary>
    public int? Times { get; init; }

    /// <summary>The hit limit in force: null for none.</summary>
    public int? EffectiveTimes => Times switch
    {
        0 => null,
        null => DefaultTimes(Kind),
        { } n => n,
    };

    /// <summary>
    /// Defaults that make the passing faults pass: a lost login answer, a self-reset and a reset
    /// transfer happen once, 503 answers twice; the others last (a broken iLO stays broken).
    /// </summary>
    public static int? DefaultTimes(FaultKind kind) => kind switch
    {
        FaultKind.LoginAnswerLost or FaultKind.SelfReset or FaultKind.TransferReset or FaultKind.RestoreStall => 1,
        FaultKind.Unavailable => 2,
        _ => null,
    };

    /// <summary>The kind's parameter (milliseconds, bytes per second, seconds, bytes); null: <see cref="DefaultValue"/>.</summary>
    public double? Value { get; init; }

    public double EffectiveValue => Value ?? DefaultValue(Kind);

    /// <summary>Defaults: latency 200 ms, 4096 B/s, Retry-After 1 s, reset after 4096 bytes, self-reset for 3 s.</summary>
    public static double DefaultValue(FaultKind kind) => kind switch
    {
        FaultKind.Latency => 200,
        FaultKind.SlowTransfer => 4096,
        FaultKind.Unavailable => 1,
        FaultKind.TransferReset => 4096,
        FaultKind.SelfReset => 3,
        FaultKind.RestoreStall => (double)Persistence.AtomicWritePoint.TempSynced,
        _ => 0,
    };

    /// <summary>The kind's name on the command line and in profiles: <c>latency</c>, <c>slow-transfer</c>, ...</summary>
    public static string Name(FaultKind kind) => kind switch
    {
        FaultKind.Latency => "latency",
        FaultKind.SlowTransfer => "slow-transfer",
        FaultKind.Unavailable => "unavailable",
        FaultKind.TransferReset => "transfer-reset",
        FaultKind.SessionLimit => "session-limit",
        FaultKind.LoginRefused => "login-refused",
        FaultKind.LoginAnswerLost => "login-answer-lost",
        FaultKind.SelfReset => "self-reset",
        FaultKind.Hang => "hang",
        FaultKind.TruncatedBackup => "truncated-backup",
        FaultKind.RestoreStall => "restore-stall",
        _ => kind.ToString(),
    };

    public static bool TryParseKind(string text, out FaultKind kind)
    {
        foreach (var candidate in Enum.GetValues<FaultKind>())
        {
            if (string.Equals(Name(candidate), text, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>The command-line form <c>KIND[:share]</c>, e.g. <c>hang:0.01</c>.</summary>
    public static FaultSpec ParseOption(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':', 2);
        if (!TryParseKind(parts[0].Trim(), out var kind))
        {
            throw new FormatException($"unknown fault '{parts[0]}' (one of: {string.Join(", ", Enum.GetValues<FaultKind>().Select(Name))})");
        }

        double? share = null;
        if (parts.Length == 2)
        {
            if (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var s) || s is < 0 or > 1)
            {
                throw new FormatException($"fault share must be 0..1, not '{parts[1]}'");
            }

            share = s;
        }

        return new FaultSpec { Kind = kind, Share = share };
    }

    internal void Validate()
    {
        if (Share is < 0 or > 1 || double.IsNaN(Share ?? 0))
        {
            throw new ArgumentException($"{Name(Kind)}: share must be 0..1");
        }

        if (Rate is < 0 or > 1 || double.IsNaN(Rate))
        {
            throw new ArgumentException($"{Name(Kind)}: rate must be 0..1");
        }

        if (Times is < 0 || Value is < 0 || double.IsNaN(Value ?? 0) || Value > 86_400_000)
        {
            throw new ArgumentException($"{Name(Kind)}: times and value cannot be negative");
        }

        if (Kind == FaultKind.RestoreStall && (EffectiveValue % 1 != 0 || !Enum.IsDefined((Persistence.AtomicWritePoint)(int)EffectiveValue)))
        {
            throw new ArgumentException("restore-stall: value must be a write point, 0..4");
        }

        if (Kind == FaultKind.SlowTransfer && EffectiveValue < 1)
        {
            throw new ArgumentException("slow-transfer: value (bytes per second) must be at least 1");
        }
    }
}
