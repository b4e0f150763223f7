namespace IloBackup.Engine.Secrets;

/// <summary>What reading a <see cref="SecretSource"/> needs from its surroundings: the environment, stdin, a terminal.</summary>
public sealed record SecretReader(
    Func<string, string?> Environment,
    Func<CancellationToken, Task<string?>>? Stdin = null,
    Func<string, CancellationToken, Task<string>>? Prompt = null)
{
    /// <summary>The process environment; no stdin, no terminal.</summary>
    public static SecretReader Default { get; } = new(System.Environment.GetEnvironmentVariable);
}
