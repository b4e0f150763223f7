using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using IloBackup.Redfish.Json;

namespace IloBackup.Redfish.Errors;

/// <summary>
/// A readable text for a terse iLO error entry: iLO sends only <c>MessageId</c> (and
/// <c>MessageArgs</c>), the text lives in its registries. This is the client's own copy of the
/// messages an iLO answers backup, restore and configuration requests with (texts in our words,
/// ids and arguments from DMTF's Base and HPE's iLO registries; see docs/client.md), keyed by
/// registry prefix and message key, so that it holds for every registry version.
/// </summary>
public static class MessageTexts
{
    private static readonly Dictionary<string, string> Builtin = new(StringComparer.Ordinal)
    {
        ["Base.NoValidSession"] = "no valid session: log in again or check the credentials",
        ["Base.InsufficientPrivilege"] = "the account lacks a privilege this needs",
        ["Base.ResourceMissingAtURI"] = "nothing is at %1",
        ["Base.OperationNotAllowed"] = "not allowed now: %1",
        ["Base.MalformedJSON"] = "the request body is not valid JSON",
        ["Base.UnrecognizedRequestBody"] = "the request body is not one this resource takes",
        ["Base.NoOperation"] = "the request asked for no change",
        ["Base.PropertyUnknown"] = "%1 is not a property of this resource",
        ["Base.PropertyNotWritable"] = "%1 is read-only",
        ["Base.PropertyValueTypeError"] = "%2 cannot take %1 (wrong type)",
        ["Base.PropertyValueNotInList"] = "%1 is not an allowed value of %2",
        ["Base.PropertyValueFormatError"] = "%1 is not in the format %2 needs",
        ["Base.PropertyValueOutOfRange"] = "%1 is out of the range %2 allows",
        ["Base.PropertyMissing"] = "%1 is required",
        ["Base.PropertyValueConflict"] = "%1 conflicts with %2",
        ["Base.ActionNotSupported"] = "the resource has no action %1",
        ["Base.ActionParameterMissing"] = "action %1 needs parameter %2",
        ["Base.ResourceAlreadyExists"] = "a %1 with %2 = %3 exists already",
        ["Base.CreateLimitReachedForResource"] = "the collection is full",
        ["Base.ResourceCannotBeDeleted"] = "this resource cannot be deleted",
        ["Base.PreconditionFailed"] = "the resource changed since it was read (ETag mismatch)",
        ["Base.QueryNotSupported"] = "the query option is not supported",
        ["Base.QueryParameterValueFormatError"] = "query parameter %2 cannot take %1",
        ["Base.SessionLimitExceeded"] = "the iLO holds as many sessions as it can",
        ["Base.ServiceTemporarilyUnavailable"] = "the iLO is busy: retry in %1 seconds",
        ["Base.ResourceInUse"] = "the resource is in use or changing",
        ["Base.ResourceAtUriInUnknownFormat"] = "the file sent to %1 is not a backup this iLO can read",
        ["Base.ResourceTypeIncompatible"] = "the backup is for %1, this iLO is %2",
        ["Base.InternalError"] = "the iLO failed internally",
        ["iLO.PropertyNotWritableOrUnknown"] = "%1 is read-only or not a property of this resource",
        ["iLO.ResetInProgress"] = "the iLO is resetting: wait until it answers again",
        ["iLO.ResetRequired"] = "the change takes effect when the iLO is reset",
        ["iLO.SystemResetRequired"] = "the change takes effect when the server is reset",
    };

    /// <summary>
    /// The text of <paramref name="messageId"/> with its arguments: the iLO's own (<paramref name="served"/>,
    /// keyed <c>Prefix.Key</c>, see <see cref="ServedRegistries"/>) when it has one, else the built-in
    /// one, else null.
    /// </summary>
    public static string? Describe(string messageId, IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? served = null)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        ArgumentNullException.ThrowIfNull(args);
        var key = RegistryKey(messageId);
        if (key is null)
        {
            return null;
        }

        string? template = null;
        if (served?.TryGetValue(key, out var fromIlo) != true || (template = fromIlo) is null)
        {
            Builtin.TryGetValue(key, out template);
        }

        if (template is null)
        {
            return null;
        }

        return Substitute(template, args);
    }

    /// <summary>
    /// Fills <see cref="RedfishMessage.Message"/> of every entry the iLO sent without one, from the
    /// entry's <c>MessageArgs</c> in <paramref name="body"/> (untrusted: cleaned and shortened).
    /// </summary>
    public static IReadOnlyList<RedfishMessage> Fill(IReadOnlyList<RedfishMessage> messages, JsonNode? body, IReadOnlyDictionary<string, string>? served = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.All(m => m.Message is not null))
        {
            return messages;
        }

        var entries = ((body?["error"] as JsonObject)?["@Message.ExtendedInfo"] ?? (body as JsonObject)?["@Message.ExtendedInfo"]) as JsonArray;
        var withIds = entries?.Where(e => e is JsonObject o && o["MessageId"] is JsonValue v && v.TryGetValue<string>(out _)).ToList() ?? [];
        var filled = new List<RedfishMessage>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (message.Message is null)
            {
                var args = i < withIds.Count ? Args(withIds[i]) : [];
                message = message with { Message = Describe(message.MessageId, args, served) };
            }

            filled.Add(message);
        }

        return filled;
    }

    /// <summary>
    /// The registry a message id comes from, prefix and version: <c>Base.1.12.NoValidSession</c> →
    /// <c>Base.1.12</c>; null when the id has no prefix, version and key.
    /// </summary>
    public static string? RegistryName(string messageId)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        var parts = messageId.Split('.');
        return parts.Length >= 4 && parts.All(p => p.Length is > 0 and <= 64) && parts[1].All(char.IsAsciiDigit)
            ? string.Join('.', parts[..^1])
            : null;
    }

    /// <summary>
    /// One pass over the template: each <c>%n</c> becomes argument n, once. An argument is never
    /// read again, so one that holds <c>%1</c> stays as it is; a placeholder without an argument stays.
    /// </summary>
    private static string Substitute(string template, IReadOnlyList<string> args)
    {
        var result = new StringBuilder(template.Length);
        for (var i = 0; i < template.Length; i++)
        {
            var digits = 0;
            while (template[i] == '%' && digits < 3 && i + 1 + digits < template.Length && char.IsAsciiDigit(template[i + 1 + digits]))
            {
                digits++;
            }

            if (digits > 0 && int.Parse(template.AsSpan(i + 1, digits), CultureInfo.InvariantCulture) is var n && n >= 1 && n <= args.Count)
            {
                result.Append(args[n - 1]);
                i += digits;
            }
            else
            {
                result.Append(template[i]);
            }
        }

        return result.ToString();
    }

    /// <summary><c>iLO.2.14.PropertyNotWritableOrUnknown</c> → <c>iLO.PropertyNotWritableOrUnknown</c>.</summary>
    private static string? RegistryKey(string messageId)
    {
        var first = messageId.IndexOf('.', StringComparison.Ordinal);
        var last = messageId.LastIndexOf('.');
        return first <= 0 || last == messageId.Length - 1 ? null : messageId[..first] + messageId[last..];
    }

    private static string[] Args(JsonNode? entry) =>
        entry?["MessageArgs"] is JsonArray array
            ? [.. array.Take(8).Select(a => UntrustedText.Clean(a is JsonValue v ? v.ToString() : a?.ToJsonString()) ?? string.Empty)
                .Select(a => a.Length > 120 ? a[..120] + "..." : a)]
            : [];
}
