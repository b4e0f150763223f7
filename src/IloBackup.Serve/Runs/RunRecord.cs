namespace IloBackup.Serve.Runs;

/// <summary>One fleet run of the service, as kept in <c>serve/runs/</c> and shown on the run page.</summary>
public sealed record RunRecord
{
    public required int Id { get; init; }

    /// <summary>What started it: <c>schedule</c>, <c>once</c>, or <c>user NAME</c>.</summary>
    public required string Trigger { get; init; }

    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public RunState State { get; init; } = RunState.Running;

    /// <summary>Why the run as a whole failed (the inventory could not be read, the repository is locked...).</summary>
    public string? Error { get; init; }

    public int Total { get; init; }
    public int Completed { get; init; }
    public int Succeeded { get; init; }
    public int Skipped { get; init; }
    public int Failed { get; init; }
    public int Stale { get; init; }
    public double DurationSeconds { get; init; }
    public IReadOnlyList<RunHost> Hosts { get; init; } = [];

    /// <summary>The runner that made the run and the run's id in the catalog (issue 20; null on records made before).</summary>
    public string? Runner { get; init; }
    public string? RunId { get; init; }

    /// <summary>0 all ok, 3 some failed, 1 none succeeded or the run itself failed (the CLI's exit codes).</summary>
    public int ExitCode => State == RunState.Failed ? 1 : Failed == 0 ? 0 : Failed == Hosts.Count ? 1 : 3;
}

public enum RunState
{
    Running,
    Finished,
    Failed,
}

/// <summary>One iLO of a run: the same columns as the fleet HTML report.</summary>
public sealed record RunHost
{
    public required string Host { get; init; }
    public string? Serial { get; init; }
    public string? Firmware { get; init; }
    public required string Status { get; init; }
    public long? BackupId { get; init; }
    public string? Sha256 { get; init; }
    public double Seconds { get; init; }
    public int Attempts { get; init; }
    public string? Reason { get; init; }
    public string? Note { get; init; }
    public bool Stale { get; init; }

    /// <summary>The runner that backed it up: this one, or another sharing the catalog (status <c>taken</c>).</summary>
    public string? Runner { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
}
