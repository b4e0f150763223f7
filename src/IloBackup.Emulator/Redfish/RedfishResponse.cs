using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Emulator.Redfish;

/// <summary>What a handler answers: a resource, a created resource, a Base message, or a raw body.</summary>
public sealed class RedfishResponse
{
    private RedfishResponse(int status, JsonObject? body, bool isResource)
    {
        Status = status;
        Body = body;
        IsResource = isResource;
    }

    public int Status { get; }

    public JsonObject? Body { get; }

    /// <summary>A resource gets ETag, <c>@odata.etag</c>, <c>$select</c>/<c>$expand</c>/<c>only</c> and the describedby link.</summary>
    public bool IsResource { get; }

    /// <summary>Absolute or relative <c>Location</c> header.</summary>
    public string? Location { get; private init; }

    /// <summary>Extra headers.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; private init; } = new Dictionary<string, string>();

    /// <summary>For raw routes: writes the whole response.</summary>
    public Func<HttpContext, Task>? Writer { get; private init; }

    /// <summary>200 with a Redfish resource.</summary>
    public static RedfishResponse Resource(JsonObject body) => new(StatusCodes.Status200OK, body, isResource: true);

    /// <summary>201 with the new resource and its <c>Location</c>.</summary>
    public static RedfishResponse Created(JsonObject body, string location) =>
        new(StatusCodes.Status201Created, body, isResource: false) { Location = location };

    /// <summary>200 with iLO's usual answer to a PATCH or action: the Base <c>Success</c> message.</summary>
    public static RedfishResponse Success() => Message(BaseMessages.Success);

    /// <summary>A Base registry message as the body (its status).</summary>
    public static RedfishResponse Message(BaseMessage message, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.Status, RedfishErrors.Body(message, args), isResource: false);
    }

    /// <summary>The handler writes everything itself (binary downloads and the like).</summary>
    public static RedfishResponse Raw(Func<HttpContext, Task> writer) => new(0, null, isResource: false) { Writer = writer };

    public RedfishResponse WithHeader(string name, string value) =>
        new(Status, Body, IsResource)
        {
            Location = Location,
            Writer = Writer,
            Headers = new Dictionary<string, string>(Headers) { [name] = value },
        };
}
