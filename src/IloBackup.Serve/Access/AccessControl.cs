namespace IloBackup.Serve.Access;

/// <summary>The users file, the sessions and the login throttle of one service.</summary>
public sealed class AccessControl(UsersFile users, TimeProvider timeProvider)
{
    public UsersFile Users { get; } = users;
    public SessionStore Sessions { get; } = new(timeProvider);
    public LoginThrottle Throttle { get; } = new(timeProvider);
}
