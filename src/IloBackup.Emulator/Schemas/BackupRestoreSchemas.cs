namespace IloBackup.Emulator.Schemas;

/// <summary>
/// The detailed schemas of the Backup and Restore OEM types. The description of
/// <c>CustomBackupandRestore</c> is HPE's own text (the seed shows <c>ilorest info</c> printing it).
/// </summary>
public static class BackupRestoreSchemas
{
    private static readonly SchemaProperty[] Common =
    [
        new("@odata.context", "string", "The OData description of a payload.", Format: "uri-reference"),
        new("@odata.etag", "string", "The current ETag of the resource."),
        new("@odata.id", "string", "The unique identifier for a resource.", Format: "uri-reference"),
        new("@odata.type", "string", "The type of a resource."),
        new("Id", "string", "The unique identifier for this resource within the collection of similar resources."),
        new("Name", "string", "The name of the resource or array member."),
    ];

    public static SchemaDefinition Service { get; } = new(
        "#HpeiLOBackupRestoreService.v2_2_0.HpeiLOBackupRestoreService",
        "The HpeiLOBackupRestoreService resource describes the properties for using the backup and restore service of iLO.",
        [
            .. Common,
            new("BackupFileLocation", "string", "The location of the backup file. A GET of this resource creates the file in the iLO's non-volatile flash memory.", Format: "uri-reference"),
            new("BackupFiles", "object", "The collection of backup files stored on iLO."),
            new("HttpPushUri", "string", "The URI to POST a backup file to, as multipart/form-data, to restore the iLO configuration.", Format: "uri-reference"),
            new("CustomBackupandRestore", "boolean", "This property indicates whether a custom backup and restore is enabled.", ReadOnly: false),
        ]);

    public static SchemaDefinition File { get; } = new(
        "#HpeiLOBackupFile.v1_0_0.HpeiLOBackupFile",
        "The HpeiLOBackupFile resource describes a backup file stored on iLO.",
        [
            .. Common,
            new("Actions", "object", "The available actions for this resource."),
            new("Created", "string", "The date and time the backup file was created.", Format: "date-time"),
            new("FileSize", "integer", "The size of the backup file in bytes."),
            new("FirmwareVersion", "string", "The iLO firmware version that created the backup file."),
        ]);

    public static SchemaDefinition FileCollection { get; } = new(
        "#HpeiLOBackupFileCollection.HpeiLOBackupFileCollection",
        "A collection of HpeiLOBackupFile resource instances.",
        [
            .. Common,
            new("Members", "array", "The members of this collection."),
            new("Members@odata.count", "integer", "The number of items in a collection."),
            new("Oem", "object", "Hpe: BackupFileCount, the number of backup files stored; BackupFilesAllowed, the number that may be stored."),
        ]);

    /// <summary>Every detailed schema, by short name.</summary>
    public static IReadOnlyDictionary<string, SchemaDefinition> All { get; } =
        new[] { Service, File, FileCollection }.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
}
