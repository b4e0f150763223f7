namespace IloBackup.Emulator.Registries;

/// <summary>One message of a served registry: its id (a fact), its arguments (facts) and our own text.</summary>
/// <param name="Name">The message key, e.g. <c>PropertyUnknown</c> (the id is the prefix, version and key).</param>
/// <param name="ParamTypes">One entry per <c>%n</c> argument: <c>string</c> or <c>number</c>.</param>
/// <param name="Severity">OK, Warning or Critical.</param>
/// <param name="Message">The text, in our own words, with <c>%1</c>.. for the arguments.</param>
/// <param name="Resolution">What a client can do, in our own words.</param>
public sealed record RegistryMessage(string Name, string[] ParamTypes, string Severity, string Message, string Resolution);

/// <summary>
/// The DMTF Base registry (version 1.12.0) as the emulator serves it under <c>/redfish/v1/Registries/Base</c>:
/// every message id the emulator answers with and the number and types of its arguments (from DMTF's
/// Base registry), with message texts and resolutions written for this project (issue 14).
/// </summary>
public static class BaseRegistry
{
    public const string Prefix = "Base";
    public const string Version = "1.12.0";

    private static readonly string[] None = [];
    private static readonly string[] One = ["string"];
    private static readonly string[] Two = ["string", "string"];
    private static readonly string[] Three = ["string", "string", "string"];

    public static IReadOnlyList<RegistryMessage> Messages { get; } =
    [
        new("Success", None, "OK", "Done: the request was carried out.", "Nothing to do."),
        new("Created", None, "OK", "Done: the new resource exists now.", "Nothing to do."),
        new("NoValidSession", None, "Critical", "This request needs a session or credentials, and it has neither that are valid.", "Log in (POST to the Sessions collection) or send valid credentials, then repeat the request."),
        new("InsufficientPrivilege", None, "Critical", "The account behind this request lacks a privilege the operation needs.", "Use an account that holds the privilege, or have it granted, then repeat the request."),
        new("ResourceMissingAtURI", One, "Critical", "Nothing is served at %1.", "Check the URI against the links the service gives."),
        new("OperationNotAllowed", None, "Critical", "This resource does not take this HTTP method, or not in its present state.", "Use a method the Allow header lists, or wait until the resource can take it."),
        new("MalformedJSON", None, "Critical", "The body could not be read as JSON text.", "Send a well-formed JSON body in UTF-8."),
        new("UnrecognizedRequestBody", None, "Warning", "The body is not one this request can use.", "Send a body of the shape the resource documents."),
        new("NoOperation", None, "Warning", "The body holds nothing to act on (only annotations): nothing was changed.", "Put the properties to change in the body."),
        new("PropertyUnknown", One, "Warning", "%1 is not a property this resource has.", "Leave the property out of the body."),
        new("PropertyNotWritable", One, "Warning", "%1 can be read but not changed.", "Leave the property out of the body."),
        new("PropertyValueTypeError", Two, "Warning", "%2 cannot hold the value %1: it is of the wrong JSON type.", "Send a value of the type the property takes."),
        new("PropertyValueNotInList", Two, "Warning", "%1 is not one of the values %2 allows.", "Pick one of the allowed values."),
        new("PropertyValueFormatError", Two, "Warning", "The value %1 is not written the way %2 requires.", "Send the value in the format the property documents."),
        new("PropertyValueOutOfRange", Two, "Warning", "The value %1 lies outside the range %2 allows.", "Send a value within the documented range."),
        new("PropertyMissing", One, "Warning", "The request needs %1 and the body does not have it.", "Add the property with a valid value."),
        new("ActionNotSupported", One, "Critical", "This resource has no action %1.", "Use an action the resource lists under Actions."),
        new("ActionParameterMissing", Two, "Critical", "Action %1 needs the parameter %2, which the body does not have.", "Add the parameter and repeat the action."),
        new("ActionParameterValueNotInList", Three, "Warning", "%1 is not an allowed value of parameter %2 of action %3.", "Pick one of the values the action allows."),
        new("ActionParameterUnknown", Two, "Warning", "Action %1 has no parameter %2.", "Leave the parameter out."),
        new("ResourceAlreadyExists", Three, "Critical", "A %1 whose %2 is %3 exists already.", "Use the existing resource, or choose another value."),
        new("CreateLimitReachedForResource", None, "Critical", "This collection holds as many members as it can.", "Delete a member before creating another."),
        new("PropertyValueConflict", Two, "Warning", "%1 was not changed: its new value does not fit with the value of %2.", "Change the two properties so that they agree."),
        new("ResourceCannotBeDeleted", None, "Critical", "This resource cannot be deleted.", "Do not repeat the request."),
        new("PreconditionFailed", None, "Critical", "A precondition of the request does not hold: the ETag in If-Match is not the resource's current one (it changed since it was read), or the OData-Version asked for is not 4.0.", "Read the resource again and repeat the request with its new ETag, or ask for OData-Version 4.0."),
        new("QueryNotSupported", None, "Warning", "The service does not support this query option.", "Repeat the request without the query option."),
        new("QueryParameterValueFormatError", Two, "Warning", "The value %1 of query parameter %2 is not written the way it requires.", "Correct the query parameter's value."),
        new("SessionLimitExceeded", None, "Critical", "No session was opened: the service holds as many as it can.", "Log out sessions that are no longer needed, then log in again."),
        new("ResourceAtUriInUnknownFormat", One, "Critical", "What was sent as %1 is not in a format this service can read.", "Send a file or resource of a format the service documents (for a restore: a backup file made by an iLO)."),
        new("ResourceTypeIncompatible", Two, "Critical", "The resource sent is %1, where the service needs %2.", "Send a resource of the kind the service needs."),
        new("ResourceInUse", None, "Warning", "The resource is busy or changing state, so the request was not carried out.", "Wait until the resource is idle (for a restore: until the iLO has reset), then repeat the request."),
        new("ServiceTemporarilyUnavailable", ["number"], "Critical", "The service cannot take requests now; try again in %1 seconds.", "Wait the given time, then repeat the request."),
        new("InternalError", None, "Critical", "The request failed because of an error inside the service.", "Repeat the request; if it fails again, report it."),
    ];
}
