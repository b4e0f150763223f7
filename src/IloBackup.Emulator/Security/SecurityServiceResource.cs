using IloBackup.Emulator.Resources;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Ilo;
using IloBackup.Emulator.Redfish;
using static IloBackup.Emulator.Resources.ResourceJson;

namespace IloBackup.Emulator.Security;

/// <summary>
/// <c>Managers/1/SecurityService</c>: the security <em>state</em> (never restored) and the login
/// banner (a setting). Entering FIPS or CNSA (SuiteB) resets iLO to factory defaults (§4).
/// <b>(our choice)</b>: leaving FIPS or SuiteB by PATCH is refused (409), as iLO wants a reset
/// to factory defaults for it; that reset brings the iLO back to Production.
/// </summary>
internal static class SecurityServiceResource
{

    public static void Map(RedfishRoutes routes)
    {
        routes.MapGet(IloPaths.SecurityService, IloPrivileges.Login, Get).Cacheable();
        routes.MapPatch(IloPaths.SecurityService, IloPrivileges.ILOConfig, PatchAsync);
    }

    private static ValueTask<RedfishResponse> Get(RedfishRequest request)
    {
        var ilo = request.Ilo;
        var security = ilo.Configuration.Security;
        var body = Resource(IloPaths.SecurityService, "#HpeSecurityService.v2_3_1.HpeSecurityService", "SecurityService", "iLO Security Service", "HpeSecurityService.HpeSecurityService");
        body["LoginSecurityBanner"] = new JsonObject { ["IsEnabled"] = security.LoginBannerEnabled, ["SecurityMessage"] = security.LoginBannerText };
        body["SecurityState"] = ilo.State.SecurityState.ToString();
        body["SecurityState@Redfish.AllowableValues"] = Strings(States(ilo));
        return ValueTask.FromResult(RedfishResponse.Resource(body));
    }

    private static async ValueTask<RedfishResponse> PatchAsync(RedfishRequest request)
    {
        var body = await request.ReadBodyAsync();
        var state = body.Enum("SecurityState", States(request.Ilo));
        var banner = body.Object("LoginSecurityBanner");
        var bannerEnabled = banner?.Boolean("IsEnabled");
        var bannerText = banner?.String("SecurityMessage", maxLength: 1500) is { } t ? Network.Validate.Text(t.Replace("\n", " ", StringComparison.Ordinal), "LoginSecurityBanner/SecurityMessage") : null;
        body.EnsureFullyRead("@odata.id", "Id", "Name", "Description", "Links", "SecurityState@Redfish.AllowableValues");
        var target = state is null ? (IloSecurityState?)null : Enum.Parse<IloSecurityState>(state);
        new SecurityModel(request.Ilo).Change(bannerEnabled, bannerText, target);
        return RedfishResponse.Success();
    }

    /// <summary>The states this generation offers (iLO 7: SecureStandard in place of Production and HighSecurity).</summary>
    private static string[] States(VirtualIlo ilo) => [.. IloGenerations.SecurityStates(ilo.Identity.Generation).Select(s => s.ToString())];
}
