using IloBackup.Emulator.Redfish.Metadata;
using IloBackup.Emulator.Security;

namespace IloBackup.Emulator.Redfish;

/// <summary>
/// One route: verb, path template, required privilege and handler, declared together
/// (the bmcweb way), plus a few options set with the fluent methods. Mapped as one ASP.NET Core
/// endpoint, whose metadata carries these facts (<see cref="Metadata"/>) for the pipeline's steps.
/// </summary>
public sealed class RedfishRoute
{
    internal RedfishRoute(string method, string template, IloPrivileges privilege, RedfishHandler handler)
    {
        Method = method;
        Template = template;
        Privilege = privilege;
        Handler = handler;
    }

    public string Method { get; }

    /// <summary>ASP.NET route template, in iLO's canonical casing, without trailing slash.</summary>
    public string Template { get; }

    /// <summary>Privileges the caller must all hold (<see cref="IloPrivileges.None"/>: any authenticated caller).</summary>
    public IloPrivileges Privilege { get; }

    public RedfishHandler Handler { get; }

    public RedfishAuth Auth { get; private set; } = RedfishAuth.Required;

    /// <summary>The session may also come as the <c>sessionKey</c> cookie.</summary>
    public bool AcceptsSessionCookie { get; private set; }

    /// <summary>A caller may act on its own account (route value <c>id</c>) with Login alone.</summary>
    public bool AllowsOwnAccount { get; private set; }

    /// <summary>Non-null when a GET has side effects: never crawled or expanded; listed with this type.</summary>
    public string? SideEffectODataType { get; private set; }

    /// <summary>False for raw routes (binary or multipart): no query checks, no JSON rendering.</summary>
    public bool IsJson { get; private set; } = true;

    /// <summary>
    /// The rendered GET answer may be reused (see <see cref="RenderedAnswerCache"/>): the handler
    /// reads nothing but the route values and the iLO's identity, configuration, state and clock
    /// to the second, and not the caller, sessions, NAND or a feature's own state.
    /// </summary>
    public bool IsCacheable { get; private set; }

    /// <summary>Most bytes a request body may have on this route (null: the request's own limits).</summary>
    public long? MaxBodyBytes { get; private set; }

    /// <summary>Caps the request body on this route (see <see cref="BodyLimitMetadata"/>).</summary>
    public RedfishRoute MaxBody(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        MaxBodyBytes = bytes;
        return this;
    }

    public RedfishRoute AllowAnonymous()
    {
        Auth = RedfishAuth.Anonymous;
        return this;
    }

    public RedfishRoute DeferAuthentication()
    {
        Auth = RedfishAuth.Deferred;
        return this;
    }

    public RedfishRoute AcceptSessionCookie()
    {
        AcceptsSessionCookie = true;
        return this;
    }

    public RedfishRoute AllowOwnAccount()
    {
        AllowsOwnAccount = true;
        return this;
    }

    /// <summary>
    /// Declares that this GET's answer depends only on the route values and the iLO's
    /// <see cref="Ilo.VirtualIlo.Identity"/>, <see cref="Ilo.VirtualIlo.Configuration"/>,
    /// <see cref="Ilo.VirtualIlo.State"/> and clock to the second, so its rendered bytes can be
    /// reused until <see cref="Ilo.VirtualIlo.Version"/> or the second changes. Authentication and
    /// the privilege check still run on every request.
    /// </summary>
    public RedfishRoute Cacheable()
    {
        IsCacheable = true;
        return this;
    }

    /// <summary>Marks a GET that changes something (e.g. creates a backup file), so the emulator never calls it on its own.</summary>
    public RedfishRoute HasSideEffects(string odataType)
    {
        SideEffectODataType = odataType;
        return this;
    }

    /// <summary>The handler writes the response itself (<see cref="RedfishResponse.Raw"/>); no JSON rendering or $ checks.</summary>
    public RedfishRoute Raw()
    {
        IsJson = false;
        return this;
    }

    /// <summary>This route's facts as endpoint metadata, one record per concern.</summary>
    internal IEnumerable<object> Metadata()
    {
        yield return this;
        yield return new AuthenticationMetadata(Auth, AcceptsSessionCookie);
        yield return new PrivilegeMetadata(Privilege, AllowsOwnAccount);
        if (IsCacheable)
        {
            yield return CacheableMetadata.Instance;
        }

        if (!IsJson)
        {
            yield return RawBodyMetadata.Instance;
        }

        if (MaxBodyBytes is { } max)
        {
            yield return new BodyLimitMetadata(max);
        }

        if (SideEffectODataType is { } type)
        {
            yield return new SideEffectsMetadata(type);
        }
    }

    public override string ToString() => $"{Method} {Template}";
}
