using IloBackup.Serve.Scheduling;

namespace IloBackup.Serve.Tests.Scheduling;

public sealed class BackupScheduleTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Next_run_of_a_daily_schedule_is_the_next_day_at_that_hour_in_utc()
    {
        var schedule = BackupSchedule.Parse("0 2 * * *", null, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 3, 11, 2, 0, 0, TimeSpan.Zero), schedule.NextAfter(Noon));
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 2, 0, 0, TimeSpan.Zero), schedule.NextAfter(new DateTimeOffset(2026, 3, 11, 2, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Time_zone_moves_the_run_and_follows_daylight_saving()
    {
        var schedule = BackupSchedule.Parse("0 2 * * *", "Europe/Berlin", TimeSpan.Zero);

        // Winter: 02:00 in Berlin is 01:00 UTC. 29 March 2026 has no 02:00 (clocks jump 02:00 -> 03:00): Cronos runs at 03:00 CEST.
        Assert.Equal(new DateTimeOffset(2026, 3, 11, 1, 0, 0, TimeSpan.Zero), schedule.NextAfter(Noon)!.Value.ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), schedule.NextAfter(new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero))!.Value.ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 0, 0, 0, TimeSpan.Zero), schedule.NextAfter(new DateTimeOffset(2026, 3, 30, 12, 0, 0, TimeSpan.Zero))!.Value.ToUniversalTime());
    }

    [Fact]
    public void Jitter_delays_each_run_within_bounds_and_the_same_way_after_a_restart()
    {
        var jitter = TimeSpan.FromMinutes(30);
        var schedule = BackupSchedule.Parse("0 2 * * *", null, jitter);
        var again = BackupSchedule.Parse("0 2 * * *", null, jitter);
        var delays = new HashSet<TimeSpan>();
        var after = Noon;
        for (var day = 0; day < 20; day++)
        {
            var next = schedule.NextAfter(after)!.Value;
            var occurrence = new DateTimeOffset(next.Year, next.Month, next.Day, 2, 0, 0, TimeSpan.Zero);
            var delay = next - occurrence;
            Assert.InRange(delay, TimeSpan.Zero, jitter);
            Assert.Equal(next, again.NextAfter(after));
            delays.Add(delay);
            after = next;
        }

        Assert.True(delays.Count > 10, "the jitter differs from day to day");
    }

    [Fact]
    public void A_jittered_run_still_ahead_is_not_skipped()
    {
        var schedule = BackupSchedule.Parse("0 2 * * *", null, TimeSpan.FromHours(2));
        var today = new DateTimeOffset(2026, 3, 11, 2, 0, 0, TimeSpan.Zero);
        var planned = schedule.NextAfter(today - TimeSpan.FromHours(3))!.Value;

        Assert.Equal(planned, schedule.NextAfter(today));
        Assert.True(planned >= today);
    }

    [Fact]
    public void Missed_run_is_seen_between_the_last_run_and_now()
    {
        var schedule = BackupSchedule.Parse("0 2 * * *", null, TimeSpan.Zero);
        var lastRun = new DateTimeOffset(2026, 3, 9, 2, 0, 5, TimeSpan.Zero);

        Assert.True(schedule.MissedBetween(lastRun, Noon));
        Assert.False(schedule.MissedBetween(new DateTimeOffset(2026, 3, 10, 2, 0, 5, TimeSpan.Zero), Noon));
    }

    [Theory]
    [InlineData("0 2 * *", null, "not a cron expression")]
    [InlineData("61 2 * * *", null, "not a cron expression")]
    [InlineData("0 2 * * *", "Mars/Olympus", "unknown time zone")]
    public void Bad_schedules_are_refused_with_the_reason(string cron, string? zone, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => BackupSchedule.Parse(cron, zone, TimeSpan.Zero));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Six_fields_mean_seconds()
    {
        var schedule = BackupSchedule.Parse("30 0 2 * * *", null, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 3, 11, 2, 0, 30, TimeSpan.Zero), schedule.NextAfter(Noon));
    }
}
