namespace IloBackup.Engine.Fleet;

public sealed class FleetRunnerOptions
{
    /// <summary>How many iLOs are worked on at once.</summary>
    public int Concurrency { get; init; } = 32;

    /// <summary>The time one iLO gets, retries included.</summary>
    public TimeSpan HostDeadline { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Further attempts after a transient failure (never after a permanent one).</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>Wait before the first retry; doubled for each further one.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Which failures are worth another attempt (default: <see cref="TransientFailure.IsTransient"/>).</summary>
    public Func<Exception, bool> IsTransient { get; init; } = TransientFailure.IsTransient;

    public void Validate()
    {
        if (Concurrency < 1)
        {
            throw new ArgumentException("concurrency must be at least 1");
        }

        if (HostDeadline <= TimeSpan.Zero)
        {
            throw new ArgumentException("the deadline per iLO must be positive");
        }

        if (MaxRetries < 0)
        {
            throw new ArgumentException("retries must not be negative");
        }
    }
}
