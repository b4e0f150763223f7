namespace IloBackup.Emulator.Ilo;

/// <summary>What every iLO of a fleet shares: the clock, the factory administrator, reset timing.</summary>
internal sealed record IloHostSettings(
    TimeProvider Time,
    string AdminUser,
    string AdminPassword,
    TimeSpan ResetDuration)
{
    /// <summary>Cancelled when the fleet stops (releases what a fault holds for good).</summary>
    public CancellationToken Stopping { get; init; }
}
