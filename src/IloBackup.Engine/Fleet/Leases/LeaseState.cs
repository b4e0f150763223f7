namespace IloBackup.Engine.Fleet.Leases;

public enum LeaseState
{
    /// <summary>This runner holds it (taken now, taken over once expired, or held already).</summary>
    Mine,

    /// <summary>Another runner holds it and it has not expired.</summary>
    Running,

    /// <summary>Another runner held it and let it expire unfinished (it may be taken over).</summary>
    Expired,

    /// <summary>Finished: the server was backed up in this run.</summary>
    Succeeded,

    /// <summary>Finished: the runner that held it failed to back the server up.</summary>
    Failed,
}
