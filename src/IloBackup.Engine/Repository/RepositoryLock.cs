using System.Globalization;

namespace IloBackup.Engine.Repository;

/// <summary>
/// The writer's lock of a repository: <c>lock</c>, held with an exclusive flock for as long as the writer runs
/// (released by the kernel if the process dies). Beside it, <c>lock.owner</c> says who holds it (PID, since when),
/// written once the lock is taken, so a second writer can name the holder; it is read only while the lock is held,
/// so one left by a killed writer says nothing wrong. Readers (history, show, diff, verify, restore) take no lock.
/// </summary>
internal static class RepositoryLock
{
    public const string FileName = "lock";
    public const string OwnerFileName = "lock.owner";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Takes the lock now, or throws naming its holder.</summary>
    public static FileStream Take(string directory, TimeProvider time) =>
        TryTake(directory, time) ?? throw new RepositoryException(
            $"{Holder(directory)} is writing to the repository at {directory}: try again when it has finished, or wait for it with --wait");

    /// <summary>
    /// Takes the lock, waiting up to <paramref name="wait"/> (infinite: <see cref="Timeout.InfiniteTimeSpan"/>; null: no wait)
    /// while another writer holds it; <paramref name="waiting"/> hears once whom it waits for.
    /// </summary>
    public static async Task<FileStream> TakeAsync(
        string directory, TimeProvider time, TimeSpan? wait, Action<string>? waiting, CancellationToken cancellationToken)
    {
        if (wait is null)
        {
            return Take(directory, time);
        }

        var started = time.GetTimestamp();
        var told = false;
        while (true)
        {
            if (TryTake(directory, time) is { } taken)
            {
                return taken;
            }

            if (wait != Timeout.InfiniteTimeSpan && time.GetElapsedTime(started) >= wait)
            {
                throw new RepositoryException(
                    $"{Holder(directory)} is still writing to the repository at {directory} after waiting {wait.Value.TotalSeconds:0} s");
            }

            if (!told)
            {
                told = true;
                waiting?.Invoke($"waiting for {Holder(directory)} to finish writing to the repository at {directory}");
            }

            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Who holds the lock, in words ("another ilobackup (pid 4242, since 2026-12-03 12:00:00Z)").</summary>
    public static string Holder(string directory)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(directory, OwnerFileName)).Trim();
            return text.Length is > 0 and < 200 ? $"another ilobackup ({text})" : "another ilobackup";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "another ilobackup";
        }
    }

    private static FileStream? TryTake(string directory, TimeProvider time)
    {
        FileStream stream;
        try
        {
            // FileShare.None is an exclusive flock on Unix: one writer at a time, released if the process dies.
            stream = new FileStream(Path.Combine(directory, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }

        try
        {
            File.WriteAllText(
                Path.Combine(directory, OwnerFileName),
                string.Create(CultureInfo.InvariantCulture, $"pid {Environment.ProcessId}, since {time.GetUtcNow():yyyy-MM-dd HH:mm:ss}Z\n"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Naming the holder is a courtesy: a writer that cannot write it still holds the lock.
        }

        return stream;
    }
}
