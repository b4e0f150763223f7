using IloBackup.Emulator.Resources;
using IloBackup.Emulator.Redfish;
using static IloBackup.Emulator.Resources.ResourceJson;

namespace IloBackup.Emulator.Security;

/// <summary>
/// <c>Managers/1/LicenseService</c>: install or replace a key (POST <c>{"LicenseKey": ...}</c>),
/// see it masked, remove it. <b>(our choice)</b>: any well-formed key (25 letters or digits,
/// dashes optional) is accepted as iLO Advanced.
/// </summary>
internal static class LicenseServiceResource
{
    public static void Map(RedfishRoutes routes)
    {
        routes.MapGet(IloPaths.LicenseService, IloPrivileges.Login, _ => ValueTask.FromResult(RedfishResponse.Resource(
            Collection(IloPaths.LicenseService, "#HpeiLOLicenseCollection.HpeiLOLicenseCollection", "License Service", [IloPaths.License]))));
        routes.MapPost(IloPaths.LicenseService, IloPrivileges.ILOConfig, InstallAsync);
        routes.MapGet(IloPaths.License, IloPrivileges.Login, Get).Cacheable();
        routes.MapDelete(IloPaths.License, IloPrivileges.ILOConfig, Remove);
    }

    private static ValueTask<RedfishResponse> Get(RedfishRequest request)
    {
        var license = request.Ilo.Configuration.License;
        var body = Resource(IloPaths.License, "#HpeiLOLicense.v2_3_0.HpeiLOLicense", "1", "iLO License", "HpeiLOLicense.HpeiLOLicense");
        body["License"] = license.LicenseName;
        body["LicenseKey"] = license.MaskedKey;
        body["LicenseTier"] = license.Key is null ? "STD" : "ADV";
        body["LicenseType"] = license.Key is null ? "Unlicensed" : "Perpetual";
        return ValueTask.FromResult(RedfishResponse.Resource(body));
    }

    private static async ValueTask<RedfishResponse> InstallAsync(RedfishRequest request)
    {
        var body = await request.ReadBodyAsync();
        var key = body.String("LicenseKey", maxLength: 64);
        body.EnsureFullyRead();
        if (key is null)
        {
            throw new RedfishException(BaseMessages.PropertyMissing, "LicenseKey");
        }

        var normalized = Normalize(key) ?? throw new RedfishException(BaseMessages.PropertyValueFormatError, "(hidden)", "LicenseKey");
        new SecurityModel(request.Ilo).InstallLicense(normalized);
        return RedfishResponse.Success();
    }

    private static ValueTask<RedfishResponse> Remove(RedfishRequest request)
    {
        new SecurityModel(request.Ilo).RemoveLicense();
        return ValueTask.FromResult(RedfishResponse.Success());
    }

    /// <summary><c>XXXXX-XXXXX-XXXXX-XXXXX-XXXXX</c>, upper case, or null when malformed.</summary>
    internal static string? Normalize(string key)
    {
        var chars = key.Where(c => c != '-').Select(char.ToUpperInvariant).ToArray();
        if (chars.Length != 25 || !chars.All(char.IsAsciiLetterOrDigit) || key.Count(c => c == '-') is not (0 or 4))
        {
            return null;
        }

        return string.Join('-', Enumerable.Range(0, 5).Select(i => new string(chars, i * 5, 5)));
    }
}
