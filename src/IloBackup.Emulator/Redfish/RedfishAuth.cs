namespace IloBackup.Emulator.Redfish;

/// <summary>How a route authenticates its caller.</summary>
public enum RedfishAuth
{
    /// <summary>A session (<c>X-Auth-Token</c>) or HTTP Basic is required; 401 otherwise.</summary>
    Required,
    /// <summary>No authentication (service root, login).</summary>
    Anonymous,
    /// <summary>
    /// The handler authenticates itself, e.g. with a session key from a form field
    /// (<see cref="RedfishAuthentication.FindSession"/>); the pipeline passes what header or cookie gave, if anything.
    /// </summary>
    Deferred,
}
