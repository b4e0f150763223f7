namespace IloBackup.Emulator.Redfish.Metadata;

/// <summary>Endpoint metadata: how the route authenticates its caller (read by the authentication step).</summary>
/// <param name="Auth">Required, anonymous or left to the handler.</param>
/// <param name="AcceptsSessionCookie">The session may also come as the <c>sessionKey</c> cookie.</param>
public sealed record AuthenticationMetadata(RedfishAuth Auth, bool AcceptsSessionCookie);
