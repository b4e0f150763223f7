namespace IloBackup.Redfish.Errors;

/// <summary>One entry of a Redfish <c>@Message.ExtendedInfo</c> array.</summary>
public sealed record RedfishMessage(string MessageId, string? Message, string? Severity, string? Resolution)
{
    /// <summary>The registry message key: <c>Base.1.12.InsufficientPrivilege</c> → <c>InsufficientPrivilege</c>.</summary>
    public string Key
    {
        get
        {
            var dot = MessageId.LastIndexOf('.');
            return dot >= 0 ? MessageId[(dot + 1)..] : MessageId;
        }
    }

    public override string ToString() => Message is null ? MessageId : $"{MessageId}: {Message}";
}
