namespace IloBackup.Engine.Restore;

/// <summary>A reason not to restore; <see cref="CanForce"/> says whether <c>--force</c> may override it.</summary>
public sealed record RestoreProblem(string Message, bool CanForce)
{
    public override string ToString() => CanForce ? Message : Message + " (cannot be forced)";
}
