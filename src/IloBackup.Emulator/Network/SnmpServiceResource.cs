using IloBackup.Emulator.Resources;
using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Security;
using static IloBackup.Emulator.Resources.ResourceJson;

namespace IloBackup.Emulator.Network;

/// <summary><c>Managers/1/SnmpService</c>: SNMP agent settings (communities, contact, alert destinations).</summary>
internal static class SnmpServiceResource
{
    public static void Map(RedfishRoutes routes)
    {
        routes.MapGet(IloPaths.SnmpService, IloPrivileges.Login, Get).Cacheable();
        routes.MapPatch(IloPaths.SnmpService, IloPrivileges.ILOConfig, PatchAsync);
    }

    private static ValueTask<RedfishResponse> Get(RedfishRequest request)
    {
        var snmp = request.Ilo.Configuration.Snmp;
        var body = Resource(IloPaths.SnmpService, "#HpeiLOSnmpService.v2_3_0.HpeiLOSnmpService", "SnmpService", "SNMP Service", "HpeiLOSnmpService.HpeiLOSnmpService");
        body["AlertDestinations"] = Strings(snmp.AlertDestinations);
        body["AlertsEnabled"] = snmp.AlertsEnabled;
        body["Contact"] = snmp.Contact;
        body["Location"] = snmp.Location;
        body["ReadCommunities"] = Strings(snmp.ReadCommunities);
        body["Role"] = snmp.Role;
        body["SNMPv1Enabled"] = snmp.SnmpV1Enabled;
        body["TrapCommunities"] = Strings(snmp.TrapCommunities);
        return ValueTask.FromResult(RedfishResponse.Resource(body));
    }

    private static async ValueTask<RedfishResponse> PatchAsync(RedfishRequest request)
    {
        var body = await request.ReadBodyAsync();
        var destinations = body.StringArray("AlertDestinations", maxItems: 8)?.Select(d => Validate.Address(d, "AlertDestinations")).ToList();
        var alerts = body.Boolean("AlertsEnabled");
        var contact = body.String("Contact", maxLength: 49) is { } c1 ? Validate.Text(c1, "Contact") : null;
        var location = body.String("Location", maxLength: 49) is { } l ? Validate.Text(l, "Location") : null;
        var read = body.StringArray("ReadCommunities", maxItems: 3, maxLength: 32)?.Select(r => Validate.Text(r, "ReadCommunities")).ToList();
        var role = body.String("Role", maxLength: 64) is { } r1 ? Validate.Text(r1, "Role") : null;
        var v1 = body.Boolean("SNMPv1Enabled");
        var traps = body.StringArray("TrapCommunities", maxItems: 8, maxLength: 32)?.Select(t => Validate.Text(t, "TrapCommunities")).ToList();
        body.EnsureFullyRead("@odata.id", "Id", "Name", "Description", "Status", "SNMPAlertDestinations", "SNMPUsers");
        new NetworkModel(request.Ilo).ChangeSnmp(snmp => snmp with
        {
            AlertDestinations = destinations ?? snmp.AlertDestinations,
            AlertsEnabled = alerts ?? snmp.AlertsEnabled,
            Contact = contact ?? snmp.Contact,
            Location = location ?? snmp.Location,
            ReadCommunities = read is null ? snmp.ReadCommunities : [.. read, .. Enumerable.Repeat("", 3 - read.Count)],
            Role = role ?? snmp.Role,
            SnmpV1Enabled = v1 ?? snmp.SnmpV1Enabled,
            TrapCommunities = traps ?? snmp.TrapCommunities,
        });
        return RedfishResponse.Success();
    }
}
