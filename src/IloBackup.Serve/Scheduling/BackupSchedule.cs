using System.Buffers.Binary;
using System.Security.Cryptography;
using Cronos;

namespace IloBackup.Serve.Scheduling;

/// <summary>
/// When fleet runs happen: a cron expression (five fields, or six with seconds) in a time zone, each
/// occurrence moved later by a jitter that is derived from the occurrence itself, so a restarted
/// service plans the same moment again.
/// </summary>
public sealed class BackupSchedule
{
    private readonly CronExpression _cron;

    private BackupSchedule(string text, CronExpression cron, TimeZoneInfo zone, TimeSpan jitter)
    {
        Text = text;
        _cron = cron;
        Zone = zone;
        Jitter = jitter;
    }

    public string Text { get; }
    public TimeZoneInfo Zone { get; }
    public TimeSpan Jitter { get; }

    /// <summary>Parses a schedule; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static BackupSchedule Parse(string cron, string? timeZone, TimeSpan jitter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cron);
        if (jitter < TimeSpan.Zero || jitter > TimeSpan.FromHours(12))
        {
            throw new FormatException("the jitter must be between 0 and 12 hours");
        }

        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        CronExpression expression;
        try
        {
            expression = CronExpression.Parse(cron, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException ex)
        {
            throw new FormatException($"the schedule '{cron}' is not a cron expression: {ex.Message}", ex);
        }

        TimeZoneInfo zone;
        try
        {
            zone = string.IsNullOrWhiteSpace(timeZone) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        }
        catch (TimeZoneNotFoundException ex)
        {
            throw new FormatException($"unknown time zone '{timeZone}' (an IANA name such as Europe/Berlin)", ex);
        }

        return new BackupSchedule(cron, expression, zone, jitter);
    }

    /// <summary>The first planned run strictly after <paramref name="after"/>, jitter included (null: never again).</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after)
    {
        // The occurrence whose jittered time is after `after`: a jittered run of an earlier occurrence may still be ahead.
        var from = after - Jitter;
        while (_cron.GetNextOccurrence(from, Zone) is { } occurrence)
        {
            var planned = occurrence + JitterOf(occurrence);
            if (planned > after)
            {
                return planned;
            }

            from = occurrence;
        }

        return null;
    }

    /// <summary>
    /// The slot (the schedule's own time, before the jitter) of a planned time <see cref="NextAfter"/> gave: what names the run
    /// among runners (issue 20), so that runners with different jitters still agree. A time the schedule did not plan is its own slot.
    /// </summary>
    public DateTimeOffset SlotOf(DateTimeOffset planned)
    {
        if (Jitter <= TimeSpan.Zero)
        {
            return planned;
        }

        for (var occurrence = _cron.GetNextOccurrence(planned - Jitter, Zone, inclusive: true);
             occurrence is { } o && o <= planned;
             occurrence = _cron.GetNextOccurrence(o, Zone))
        {
            if (o + JitterOf(o) == planned)
            {
                return o;
            }
        }

        return planned;
    }

    /// <summary>
    /// The newest slot of the schedule at or before <paramref name="now"/> (the jitter not counted), null when there is none in
    /// the last 10 years: <c>serve --once</c> started by a timer at the schedule's moment names its run by it, so every
    /// site's timer agrees on the run even when it fires a little late.
    /// </summary>
    public DateTimeOffset? NewestSlotAtOrBefore(DateTimeOffset now)
    {
        // Looks back ever further (a minute, two, four, ...) until a window holds an occurrence, then walks it forward.
        for (var back = TimeSpan.FromMinutes(1); back <= TimeSpan.FromDays(3660); back *= 2)
        {
            DateTimeOffset? newest = null;
            for (var occurrence = _cron.GetNextOccurrence(now - back, Zone, inclusive: true);
                 occurrence is { } o && o <= now;
                 occurrence = _cron.GetNextOccurrence(o, Zone))
            {
                newest = o;
            }

            if (newest is not null)
            {
                return newest;
            }
        }

        return null;
    }

    /// <summary>
    /// True when a planned run fell in (<paramref name="lastRun"/>, <paramref name="now"/>]: it was missed while the
    /// service was down (or the last run was before it), so one run is due at once.
    /// </summary>
    public bool MissedBetween(DateTimeOffset lastRun, DateTimeOffset now) => NextAfter(lastRun) is { } planned && planned <= now;

    /// <summary>A fixed share of the jitter for one occurrence (the same after every restart).</summary>
    internal TimeSpan JitterOf(DateTimeOffset occurrence)
    {
        if (Jitter <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        Span<byte> input = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(input, occurrence.UtcTicks);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        var fraction = BinaryPrimitives.ReadUInt64LittleEndian(hash) / (double)ulong.MaxValue;
        return TimeSpan.FromSeconds(Math.Floor(Jitter.TotalSeconds * fraction));
    }
}
