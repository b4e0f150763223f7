namespace IloBackup.Emulator.Resources;

/// <summary>The real iLO URIs, in iLO's casing (requests match them case-insensitively).</summary>
public static class IloPaths
{
    public const string Redfish = "/redfish";
    public const string Root = "/redfish/v1";
    public const string ResourceDirectory = "/redfish/v1/ResourceDirectory";
    public const string SessionService = "/redfish/v1/SessionService";
    public const string Sessions = "/redfish/v1/SessionService/Sessions";
    public const string AccountService = "/redfish/v1/AccountService";
    public const string Accounts = "/redfish/v1/AccountService/Accounts";
    public const string Roles = "/redfish/v1/AccountService/Roles";
    public const string Managers = "/redfish/v1/Managers";
    public const string Manager = "/redfish/v1/Managers/1";
    public const string EthernetInterfaces = "/redfish/v1/Managers/1/EthernetInterfaces";
    public const string EthernetInterface = "/redfish/v1/Managers/1/EthernetInterfaces/1";
    public const string NetworkProtocol = "/redfish/v1/Managers/1/NetworkProtocol";
    public const string SnmpService = "/redfish/v1/Managers/1/SnmpService";
    public const string DateTime = "/redfish/v1/Managers/1/DateTime";
    public const string LicenseService = "/redfish/v1/Managers/1/LicenseService";
    public const string License = "/redfish/v1/Managers/1/LicenseService/1";
    public const string SecurityService = "/redfish/v1/Managers/1/SecurityService";
    public const string ManagerLogServices = "/redfish/v1/Managers/1/LogServices";
    public const string EventLog = "/redfish/v1/Managers/1/LogServices/IEL";
    public const string ActiveHealthSystem = "/redfish/v1/Managers/1/ActiveHealthSystem";
    public const string BackupRestoreService = "/redfish/v1/Managers/1/BackupRestoreService";
    public const string Systems = "/redfish/v1/Systems";
    public const string System = "/redfish/v1/Systems/1";
    public const string SystemLogServices = "/redfish/v1/Systems/1/LogServices";
    public const string Iml = "/redfish/v1/Systems/1/LogServices/IML";
    public const string ChassisCollection = "/redfish/v1/Chassis";
    public const string Chassis = "/redfish/v1/Chassis/1";
    public const string Registries = "/redfish/v1/Registries";
    public const string JsonSchemas = "/redfish/v1/JsonSchemas";
}
