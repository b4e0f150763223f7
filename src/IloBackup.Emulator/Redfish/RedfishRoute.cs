using IloBackup.Emulator.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace IloBackup.Emulator.Redfish;

/// <summary>
/// One route: verb, path template, required privilege and handler, declared together
/// (the bmcweb way), plus a few options set with the fluent methods.
/// </summary>
public sealed class RedfishRoute
{
    internal RedfishRoute(string method, string template, IloPrivileges privilege, RedfishHandler handler)
    {
        Method = method;
        Template = template;
        Privilege = privilege;
        Handler = handler;
        Matcher = new TemplateMatcher(TemplateParser.Parse(template.Trim('/')), new RouteValueDictionary());
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

    internal TemplateMatcher Matcher { get; }

    /// <summary>The <c>Allow</c> header of this route's path, set when the table is mapped.</summary>
    internal string AllowHeader { get; set; } = "";

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

    public override string ToString() => $"{Method} {Template}";
}
