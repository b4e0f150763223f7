namespace IloBackup.Serve.Access;

/// <summary>What a user may do: a viewer reads; an operator also starts runs and downloads backups (they hold the iLO's users and licence keys).</summary>
public enum Role
{
    Viewer = 1,
    Operator = 2,
}

/// <summary>Endpoint metadata: the least role a route needs. A route without it is refused to everyone (deny by default).</summary>
public sealed record RequiresRole(Role? Role)
{
    /// <summary>Open to anyone (health, login, static assets).</summary>
    public static RequiresRole Anonymous { get; } = new((Role?)null);
}
