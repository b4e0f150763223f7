namespace IloBackup.Emulator.Ilo;

/// <summary>
/// Between an accepted restore's 200 and its reset, the iLO takes no new work: every request,
/// anonymous ones included, answers 503 with <c>Retry-After</c> (docs/emulator.md, "After a restore").
/// </summary>
public sealed partial class VirtualIlo
{
    private long _quiescedUntilTicks;

    /// <summary>True while new work is refused ahead of a scheduled reset.</summary>
    public bool IsQuiesced => _host.Time.GetUtcNow().UtcTicks < Interlocked.Read(ref _quiescedUntilTicks);

    /// <summary>Seconds a client should wait before trying again: the rest of the quiet time plus the reset (at least 1).</summary>
    public int QuiescedRetryAfterSeconds
    {
        get
        {
            var left = new DateTimeOffset(Interlocked.Read(ref _quiescedUntilTicks), TimeSpan.Zero) - _host.Time.GetUtcNow();
            return Math.Max((int)Math.Ceiling((left + _host.ResetDuration).TotalSeconds), 1);
        }
    }

    /// <summary>Refuses new work for <paramref name="duration"/> (until the reset that follows takes over).</summary>
    internal void Quiesce(TimeSpan duration) =>
        Interlocked.Exchange(ref _quiescedUntilTicks, (_host.Time.GetUtcNow() + duration).UtcTicks);
}
