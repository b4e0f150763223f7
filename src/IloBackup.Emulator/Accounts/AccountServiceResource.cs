using IloBackup.Emulator.Resources;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Configuration;
using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Security;
using static IloBackup.Emulator.Resources.ResourceJson;

namespace IloBackup.Emulator.Accounts;

/// <summary>
/// <c>/redfish/v1/AccountService</c>: password rules, login-failure settings and directory
/// (LDAP) settings — the user-database part of the configuration besides the accounts.
/// </summary>
internal static class AccountServiceResource
{
    public static void Map(RedfishRoutes routes)
    {
        routes.MapGet(IloPaths.AccountService, IloPrivileges.Login, Get).Cacheable();
        routes.MapPatch(IloPaths.AccountService, IloPrivileges.ILOConfig | IloPrivileges.UserConfig, PatchAsync);
    }

    private static ValueTask<RedfishResponse> Get(RedfishRequest request)
    {
        var configuration = request.Ilo.Configuration;
        var security = configuration.Security;
        var directory = configuration.Users.Directory;
        var body = Resource(IloPaths.AccountService, "#AccountService.v1_5_0.AccountService", "AccountService", "Account Service", "AccountService.AccountService");
        body["Description"] = "iLO User Accounts";
        body["Accounts"] = Link(IloPaths.Accounts);
        body["Roles"] = Link(IloPaths.Roles);
        body["LDAP"] = new JsonObject
        {
            ["AccountProviderType"] = "LDAPService",
            ["ServiceEnabled"] = directory.LdapEnabled,
            ["ServiceAddresses"] = Strings(directory.ServerAddresses),
            ["LDAPService"] = new JsonObject
            {
                ["SearchSettings"] = new JsonObject { ["BaseDistinguishedNames"] = Strings(directory.BaseDistinguishedNames) },
            },
        };
        body["LocalAccountAuth"] = directory.LocalAccountsEnabled ? "Enabled" : "Disabled";
        body["MinPasswordLength"] = security.MinPasswordLength;
        body["ServiceEnabled"] = true;
        body["Oem"] = new JsonObject
        {
            ["Hpe"] = new JsonObject
            {
                ["@odata.type"] = "#HpeiLOAccountService.v2_3_0.HpeiLOAccountService",
                ["AuthFailureDelayTimeSeconds"] = security.AuthFailureDelaySeconds,
                ["AuthFailureLoggingThreshold"] = security.AuthFailureLoggingThreshold,
                ["AuthFailuresBeforeDelay"] = security.AuthFailuresBeforeDelay,
                ["EnforcePasswordComplexity"] = security.EnforcePasswordComplexity,
                ["MinPasswordLength"] = security.MinPasswordLength,
            },
        };
        return ValueTask.FromResult(RedfishResponse.Resource(body));
    }

    private static async ValueTask<RedfishResponse> PatchAsync(RedfishRequest request)
    {
        var body = await request.ReadBodyAsync();
        var minLength = body.Integer("MinPasswordLength", 0, 39);
        var localAuth = body.Enum("LocalAccountAuth", ["Enabled", "Disabled"]);
        var ldap = body.Object("LDAP");
        var ldapEnabled = ldap?.Boolean("ServiceEnabled");
        var ldapAddresses = ldap?.StringArray("ServiceAddresses", maxItems: 4);
        var baseDns = ldap?.Object("LDAPService")?.Object("SearchSettings")?.StringArray("BaseDistinguishedNames", maxItems: 6);
        var hpe = body.Object("Oem")?.Object("Hpe");
        var delay = hpe?.Integer("AuthFailureDelayTimeSeconds");
        var loggingThreshold = hpe?.Integer("AuthFailureLoggingThreshold");
        var beforeDelay = hpe?.Integer("AuthFailuresBeforeDelay");
        var complexity = hpe?.Boolean("EnforcePasswordComplexity");
        var hpeMinLength = hpe?.Integer("MinPasswordLength", 0, 39);
        body.EnsureFullyRead("@odata.id", "Id", "Name", "Description", "Accounts", "Roles", "ServiceEnabled", "AccountProviderType");
        Check(delay, SecuritySettings.AllowedFailureDelaySeconds, "Oem/Hpe/AuthFailureDelayTimeSeconds");
        Check(loggingThreshold, SecuritySettings.AllowedLoggingThresholds, "Oem/Hpe/AuthFailureLoggingThreshold");
        Check(beforeDelay, SecuritySettings.AllowedFailuresBeforeDelay, "Oem/Hpe/AuthFailuresBeforeDelay");

        new AccountsModel(request.Ilo).ChangeLoginPolicy(c => c with
        {
            Users = c.Users with
            {
                Directory = c.Users.Directory with
                {
                    LdapEnabled = ldapEnabled ?? c.Users.Directory.LdapEnabled,
                    ServerAddresses = ldapAddresses ?? c.Users.Directory.ServerAddresses,
                    BaseDistinguishedNames = baseDns ?? c.Users.Directory.BaseDistinguishedNames,
                    LocalAccountsEnabled = localAuth is null ? c.Users.Directory.LocalAccountsEnabled : localAuth == "Enabled",
                },
            },
            Security = c.Security with
            {
                MinPasswordLength = hpeMinLength ?? minLength ?? c.Security.MinPasswordLength,
                AuthFailureDelaySeconds = delay ?? c.Security.AuthFailureDelaySeconds,
                AuthFailureLoggingThreshold = loggingThreshold ?? c.Security.AuthFailureLoggingThreshold,
                AuthFailuresBeforeDelay = beforeDelay ?? c.Security.AuthFailuresBeforeDelay,
                EnforcePasswordComplexity = complexity ?? c.Security.EnforcePasswordComplexity,
            },
        });
        return RedfishResponse.Success();
    }

    private static void Check(int? value, IReadOnlyList<int> allowed, string property)
    {
        if (value is { } v && !allowed.Contains(v))
        {
            throw new RedfishException(BaseMessages.PropertyValueNotInList, v.ToString(System.Globalization.CultureInfo.InvariantCulture), property);
        }
    }
}
