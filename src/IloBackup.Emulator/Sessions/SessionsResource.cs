using IloBackup.Emulator.Resources;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Configuration;
using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Security;
using static IloBackup.Emulator.Resources.ResourceJson;

namespace IloBackup.Emulator.Sessions;

/// <summary>
/// Login and logout (§2): POST → 201 with <c>X-Auth-Token</c> and an absolute <c>Location</c>
/// without a port; DELETE → 200. The seed's curl script keeps the last word of every line
/// containing "Token" or "Location", so no other header or body line may contain those words.
/// </summary>
internal static class SessionsResource
{
    /// <summary><b>(our choice)</b>: the most bytes of a login body.</summary>
    public const int MaxLoginBodyBytes = 4096;

    public static void Map(RedfishRoutes routes)
    {
        routes.MapGet(IloPaths.Sessions, IloPrivileges.Login, GetCollection);
        // A login body is small (a 64-character user name and a 128-character password): larger is 413, unread.
        routes.MapPost(IloPaths.Sessions, IloPrivileges.None, LoginAsync).AllowAnonymous().MaxBody(MaxLoginBodyBytes);
        // A POST to a collection's Members property is a POST to the collection (DSP0266, "POST (create)").
        routes.MapPost(IloPaths.Sessions + "/Members", IloPrivileges.None, LoginAsync).AllowAnonymous().MaxBody(MaxLoginBodyBytes);
        routes.MapGet(IloPaths.Sessions + "/{id}", IloPrivileges.Login, GetSession);
        routes.MapDelete(IloPaths.Sessions + "/{id}", IloPrivileges.Login, Logout);
    }

    private static ValueTask<RedfishResponse> GetCollection(RedfishRequest request)
    {
        var sessions = request.Ilo.Sessions.List(request.Ilo.SessionTimeout);
        var body = Collection(IloPaths.Sessions, "#SessionCollection.SessionCollection", "Sessions", sessions.Select(s => IloPaths.Sessions + "/" + Uri.EscapeDataString(s.Id)));
        body["Oem"] = new JsonObject
        {
            ["Hpe"] = new JsonObject
            {
                ["Links"] = new JsonObject { ["MySession"] = request.Session is { } mine ? Link(IloPaths.Sessions + "/" + Uri.EscapeDataString(mine.Id)) : null },
            },
        };
        return ValueTask.FromResult(RedfishResponse.Resource(body));
    }

    private static async ValueTask<RedfishResponse> LoginAsync(RedfishRequest request)
    {
        var body = await request.ReadBodyAsync();
        var user = body.String("UserName", maxLength: 64);
        var password = body.String("Password", maxLength: 128);
        body.EnsureFullyRead();
        if (user is null)
        {
            throw new RedfishException(BaseMessages.PropertyMissing, "UserName");
        }

        if (password is null)
        {
            throw new RedfishException(BaseMessages.PropertyMissing, "Password");
        }

        var (session, account) = await new SessionsModel(request.Ilo).LoginAsync(user, password, request.ClientAddress, request.Aborted);
        var path = IloPaths.Sessions + "/" + Uri.EscapeDataString(session.Id);
        // From the iLO's own address, never the request's Host header; without a port, as iLO sends it (docs/emulator.md).
        var own = request.Ilo.BaseUrl;
        var location = $"{own.Scheme}://{own.Host}{path}/";
        return RedfishResponse.Created(Describe(session, account, mine: true), location)
            .WithHeader(RedfishAuthentication.TokenHeader, session.Token);
    }

    private static ValueTask<RedfishResponse> GetSession(RedfishRequest request)
    {
        var ilo = request.Ilo;
        var session = Find(request);
        var account = ilo.Configuration.Users.FindById(session.AccountId);
        var mine = request.Session is { } current && current.Id == session.Id;
        return ValueTask.FromResult(RedfishResponse.Resource(Describe(session, account, mine)));
    }

    /// <summary>Own session: any user; someone else's: Administer User Accounts.</summary>
    private static ValueTask<RedfishResponse> Logout(RedfishRequest request)
    {
        var session = Find(request);
        var mine = request.Session is { } current && current.Id == session.Id;
        if (!mine && !request.Privileges.HasFlag(IloPrivileges.UserConfig))
        {
            throw new RedfishException(BaseMessages.InsufficientPrivilege);
        }

        new SessionsModel(request.Ilo).Logout(session);
        return ValueTask.FromResult(RedfishResponse.Success());
    }

    private static IloSession Find(RedfishRequest request) =>
        request.Ilo.Sessions.FindById(request.RouteValue("id"))
        ?? throw new RedfishException(BaseMessages.ResourceMissingAtURI, IloPaths.Sessions + "/" + request.RouteValue("id"));

    /// <summary>The session resource. Contains neither "Token" nor "Location" (see the class comment).</summary>
    private static JsonObject Describe(IloSession session, UserAccount? account, bool mine)
    {
        var path = IloPaths.Sessions + "/" + Uri.EscapeDataString(session.Id);
        var body = Resource(path, "#Session.v1_0_0.Session", session.Id, "User Session", "Session.Session");
        body["Description"] = "Manager User Session";
        body["UserName"] = session.UserName;
        body["Oem"] = new JsonObject
        {
            ["Hpe"] = new JsonObject
            {
                ["@odata.type"] = "#HpeiLOSessionsSummary.v2_0_0.HpeiLOSessionsSummary",
                ["AccessTime"] = Iso(session.LastUsed),
                ["LoginTime"] = Iso(session.Created),
                ["MySession"] = mine,
                ["Privileges"] = Accounts.AccountsResource.Privileges(account?.Privileges ?? IloPrivileges.None),
                ["UserAccount"] = session.UserName,
                ["UserTag"] = "REST",
                ["UserType"] = "Local",
            },
        };
        return body;
    }
}
