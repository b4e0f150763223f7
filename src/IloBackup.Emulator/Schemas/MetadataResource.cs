using System.Text;
using System.Xml.Linq;
using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Security;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Emulator.Schemas;

/// <summary>
/// <c>/redfish/v1/$metadata</c>: the OData CSDL document, without authentication as Redfish requires.
/// It references the DMTF schemas of the standard types the emulator serves and defines our OEM
/// types (Backup and Restore) inline, with their properties' permissions and descriptions, so a
/// generic Redfish validator can check them.
/// </summary>
internal static class MetadataResource
{
    public const string Path = "/redfish/v1/$metadata";

    private static readonly XNamespace Edmx = "http://docs.oasis-open.org/odata/ns/edmx";
    private static readonly XNamespace Edm = "http://docs.oasis-open.org/odata/ns/edm";

    /// <summary>DMTF namespaces of the standard types served (versioned namespaces come with each).</summary>
    private static readonly string[] DmtfSchemas =
    [
        "ServiceRoot", "Resource", "Manager", "ManagerCollection", "ComputerSystem", "ComputerSystemCollection",
        "Chassis", "ChassisCollection", "SessionService", "Session", "SessionCollection", "AccountService",
        "ManagerAccount", "ManagerAccountCollection", "Role", "RoleCollection", "EthernetInterface",
        "EthernetInterfaceCollection", "ManagerNetworkProtocol", "LogService", "LogServiceCollection", "LogEntry",
        "LogEntryCollection", "JsonSchemaFile", "JsonSchemaFileCollection", "MessageRegistryFileCollection",
    ];

    public static void Map(RedfishRoutes routes) =>
        routes.MapGet(Path, IloPrivileges.None, _ => ValueTask.FromResult(RedfishResponse.Raw(WriteAsync))).AllowAnonymous().Raw();

    /// <summary>The CSDL document.</summary>
    public static XDocument Document()
    {
        var root = new XElement(Edmx + "Edmx", new XAttribute(XNamespace.Xmlns + "edmx", Edmx), new XAttribute("Version", "4.0"));
        root.Add(Reference("http://docs.oasis-open.org/odata/odata/v4.0/errata03/csd01/complete/vocabularies/Org.OData.Core.V1.xml", ("Org.OData.Core.V1", "OData")));
        root.Add(Reference("http://redfish.dmtf.org/schemas/v1/RedfishExtensions_v1.xml", ("RedfishExtensions.v1_0_0", "Redfish")));
        foreach (var schema in DmtfSchemas)
        {
            root.Add(Reference($"http://redfish.dmtf.org/schemas/v1/{schema}_v1.xml", (schema, null)));
        }

        // The Service schema holding the EntityContainer comes first: DMTF's protocol validator (and
        // clients like it) read the container from the first Schema of DataServices.
        var services = new XElement(
            Edmx + "DataServices",
            new XElement(
                Edm + "Schema",
                new XAttribute("Namespace", "Service"),
                new XElement(Edm + "EntityContainer", new XAttribute("Name", "Service"), new XAttribute("Extends", "ServiceRoot.v1_5_0.ServiceContainer"))));
        foreach (var definition in new[] { BackupRestoreSchemas.Service, BackupRestoreSchemas.File })
        {
            services.Add(AbstractSchema(definition));
            services.Add(VersionedSchema(definition));
        }

        services.Add(new XElement(
            Edm + "Schema",
            new XAttribute("Namespace", "HpeiLOBackupFileCollection"),
            new XElement(
                Edm + "EntityType",
                new XAttribute("Name", "HpeiLOBackupFileCollection"),
                new XAttribute("BaseType", "Resource.v1_0_0.ResourceCollection"),
                new XElement(
                    Edm + "NavigationProperty",
                    new XAttribute("Name", "Members"),
                    new XAttribute("Type", "Collection(HpeiLOBackupFile.HpeiLOBackupFile)"),
                    Permission("Read"),
                    new XElement(Edm + "Annotation", new XAttribute("Term", "OData.AutoExpandReferences"))))));
        root.Add(services);
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), root);
    }

    private static async Task WriteAsync(HttpContext context)
    {
        var bytes = Encoding.UTF8.GetBytes(Document().Declaration + "\n" + Document().Root);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/xml";
        context.Response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        }
    }

    private static XElement Reference(string uri, (string Namespace, string? Alias) include)
    {
        var element = new XElement(Edmx + "Include", new XAttribute("Namespace", include.Namespace));
        if (include.Alias is not null)
        {
            element.Add(new XAttribute("Alias", include.Alias));
        }

        return new XElement(Edmx + "Reference", new XAttribute("Uri", uri), element);
    }

    private static XElement AbstractSchema(SchemaDefinition definition) => new(
        Edm + "Schema",
        new XAttribute("Namespace", definition.Name),
        new XElement(
            Edm + "EntityType",
            new XAttribute("Name", definition.Name),
            new XAttribute("BaseType", "Resource.v1_0_0.Resource"),
            new XAttribute("Abstract", "true"),
            Description(definition.Description)));

    private static XElement VersionedSchema(SchemaDefinition definition)
    {
        var versioned = definition.ODataType.TrimStart('#');
        var entity = new XElement(
            Edm + "EntityType",
            new XAttribute("Name", definition.Name),
            new XAttribute("BaseType", definition.Name + "." + definition.Name));
        foreach (var property in definition.Properties.Where(p => !p.Name.StartsWith('@') && p.Name is not "Id" and not "Name"))
        {
            var navigation = property.Type == "object" && property.Name == "BackupFiles";
            entity.Add(new XElement(
                Edm + (navigation ? "NavigationProperty" : "Property"),
                new XAttribute("Name", property.Name),
                new XAttribute("Type", navigation ? "HpeiLOBackupFileCollection.HpeiLOBackupFileCollection" : EdmType(property)),
                Permission(property.ReadOnly ? "Read" : "ReadWrite"),
                Description(property.Description)));
        }

        return new XElement(Edm + "Schema", new XAttribute("Namespace", versioned[..versioned.LastIndexOf('.')]), entity);
    }

    private static string EdmType(SchemaProperty property) => property.Type switch
    {
        "boolean" => "Edm.Boolean",
        "integer" => "Edm.Int64",
        "object" => "Resource.Oem",
        _ when property.Format == "date-time" => "Edm.DateTimeOffset",
        _ => "Edm.String",
    };

    private static XElement Permission(string permission) =>
        new(Edm + "Annotation", new XAttribute("Term", "OData.Permissions"), new XAttribute("EnumMember", "OData.Permission/" + permission));

    private static XElement Description(string text) =>
        new(Edm + "Annotation", new XAttribute("Term", "OData.Description"), new XAttribute("String", text));
}
