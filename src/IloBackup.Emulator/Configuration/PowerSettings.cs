namespace IloBackup.Emulator.Configuration;

/// <summary>Server power settings kept by iLO (shown on <c>Systems/1</c>).</summary>
public sealed record PowerSettings
{
    /// <summary>HPE power regulator: <c>Dynamic</c>, <c>Max</c>, <c>Min</c> or <c>OSControl</c>.</summary>
    public string PowerRegulatorMode { get; init; } = "Dynamic";

    /// <summary>What the server does when power returns: <c>AlwaysOn</c>, <c>AlwaysOff</c>, <c>LastState</c>.</summary>
    public string PowerRestorePolicy { get; init; } = "LastState";

    /// <summary>Automatic power-on delay: <c>Minimum</c>, <c>Random</c>, <c>15Seconds</c>, <c>30Seconds</c>...</summary>
    public string PowerOnDelay { get; init; } = "Minimum";

    public static IReadOnlyList<string> RegulatorModes { get; } = ["Dynamic", "Max", "Min", "OSControl"];
    public static IReadOnlyList<string> RestorePolicies { get; } = ["AlwaysOn", "AlwaysOff", "LastState"];
    public static IReadOnlyList<string> PowerOnDelays { get; } = ["Minimum", "Random", "15Seconds", "30Seconds", "45Seconds", "60Seconds"];
}
