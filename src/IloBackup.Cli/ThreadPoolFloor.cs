namespace IloBackup.Cli;

/// <summary>
/// Fleet runs and the emulator make synchronous calls that wait on the disk, on pool threads:
/// fsync of files and folders (backup objects, the iLOs' NAND), SQLite's commit of its WAL. The
/// pool starts with as many threads as cores (two on a small machine) and adds more only about
/// twice a second once it sees them all blocked, so a burst of such waits (256 iLOs finishing
/// their backup in the same second) stalls every other request in the process meanwhile.
/// Raising the pool's floor to the work's parallelism lets those waits overlap; the threads are
/// made only when there is work for them. Measured with <c>bench/fleet/run.sh</c> at N = 1000
/// (README, Performance).
/// </summary>
internal static class ThreadPoolFloor
{
    /// <summary>A floor above this buys nothing on small machines and costs stacks.</summary>
    public const int Max = 64;

    /// <summary>Raises (never lowers) the pool's minimum; only for the real process, not a test host.</summary>
    public static void Raise(CliConsole console, int parallelism)
    {
        if (!console.OwnsProcess)
        {
            return;
        }

        var wanted = Math.Clamp(parallelism, Environment.ProcessorCount, Math.Max(Max, Environment.ProcessorCount));
        ThreadPool.GetMinThreads(out var workers, out var completion);
        if (wanted > workers)
        {
            ThreadPool.SetMinThreads(wanted, Math.Max(completion, wanted));
        }
    }
}
