namespace IloBackup.Engine.Restore;

/// <summary>The pre-flight found problems: nothing was uploaded.</summary>
public sealed class RestoreRefusedException : Exception
{
    public RestoreRefusedException()
    {
    }

    public RestoreRefusedException(string message)
        : base(message)
    {
    }

    public RestoreRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RestoreRefusedException(RestorePlan plan)
        : base(Describe(plan))
    {
        Plan = plan;
    }

    public RestorePlan? Plan { get; }

    private static string Describe(RestorePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var forceable = plan.Problems.All(p => p.CanForce);
        return $"{plan.Host}: restore refused before upload: {string.Join("; ", plan.Problems)}"
            + (forceable ? " (use --force to restore anyway)" : string.Empty);
    }
}
