using System.Collections.Concurrent;

namespace IloBackup.Emulator.Sessions;

/// <summary>
/// Every session token the iLOs of a fleet handed out, kept only when a test asks for it
/// (<see cref="Hosting.EmulatorOptions.RecordIssuedTokens"/>): a leak search must know every secret
/// it looks for, including tokens of sessions whose login answer was lost. Never logged or printed.
/// </summary>
internal sealed class IssuedTokenLog
{
    private readonly ConcurrentQueue<string> _tokens = new();

    public void Add(string token) => _tokens.Enqueue(token);

    public IReadOnlyList<string> Snapshot() => [.. _tokens];
}
