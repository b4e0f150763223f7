namespace IloBackup.TestSupport.FakeIlo;

/// <summary>Misbehaviours of the fake iLO's backup download, for the client's defensive checks.</summary>
public enum DownloadFault
{
    None,

    /// <summary>200 with a JSON error body (what iLOrest would save as a backup).</summary>
    ErrorBodyWith200,

    /// <summary>200 with the right bytes but <c>text/html</c>.</summary>
    WrongContentType,

    /// <summary>Announces more bytes than it sends, then drops the connection.</summary>
    ShortBody,

    /// <summary>500 with a Redfish error.</summary>
    ServerError,
}
