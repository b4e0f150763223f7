namespace IloBackup.Emulator.Sessions;

/// <summary>One Redfish session of one iLO. <see cref="Token"/> is a secret: never log it.</summary>
public sealed class IloSession(string id, string token, string userName, string accountId, DateTimeOffset created)
{
    private long _lastUsedTicks = created.UtcTicks;

    /// <summary>User name + 16 hex digits of the login Unix time + 8 hex digits (§2).</summary>
    public string Id { get; } = id;

    /// <summary>The <c>X-Auth-Token</c>: 32 hex characters.</summary>
    public string Token { get; } = token;

    public string UserName { get; } = userName;
    public string AccountId { get; } = accountId;
    public DateTimeOffset Created { get; } = created;

    public DateTimeOffset LastUsed => new(Interlocked.Read(ref _lastUsedTicks), TimeSpan.Zero);

    internal void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastUsedTicks, now.UtcTicks);

    /// <summary>Never prints the token.</summary>
    public override string ToString() => $"IloSession {{ Id = {Id}, UserName = {UserName} }}";
}
