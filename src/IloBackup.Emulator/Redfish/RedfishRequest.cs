using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Configuration;
using IloBackup.Emulator.Ilo;
using IloBackup.Emulator.Security;
using IloBackup.Emulator.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IloBackup.Emulator.Redfish;

/// <summary>What a handler sees: the iLO, the caller, the route values and the body.</summary>
public sealed class RedfishRequest
{
    /// <summary>JSON bodies larger than this get 413 (issue 2, "Bad input").</summary>
    public const int MaxJsonBodyBytes = 1024 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32, AllowDuplicateProperties = false };

    internal RedfishRequest(HttpContext httpContext, VirtualIlo ilo, RedfishRoute route, RouteValueDictionary values, AuthenticatedCaller? caller, Pipeline.RedfishResolver resolver)
    {
        HttpContext = httpContext;
        Ilo = ilo;
        Route = route;
        RouteValues = values;
        Caller = caller;
        Resolver = resolver;
    }

    public HttpContext HttpContext { get; }

    public VirtualIlo Ilo { get; }

    public RedfishRoute Route { get; }

    public RouteValueDictionary RouteValues { get; }

    /// <summary>Who is calling (null on anonymous routes, and on deferred ones when nothing was presented).</summary>
    public AuthenticatedCaller? Caller { get; }

    public IloSession? Session => Caller?.Session;

    public UserAccount? User => Caller?.Account;

    public IloPrivileges Privileges => Caller?.Account.Privileges ?? IloPrivileges.None;

    public CancellationToken Aborted => HttpContext.RequestAborted;

    /// <summary>The client's address, for event-log entries.</summary>
    public string ClientAddress => HttpContext.Connection.RemoteIpAddress?.ToString() ?? "local";

    /// <summary>Finds other resources as their GET renders them, for this caller.</summary>
    internal Pipeline.RedfishResolver Resolver { get; }

    /// <summary>A route value (e.g. <c>id</c>), or empty.</summary>
    public string RouteValue(string name) => RouteValues.TryGetValue(name, out var value) ? value?.ToString() ?? "" : "";

    /// <summary>Reads the body as one JSON object, at most <see cref="MaxJsonBodyBytes"/>; refuses anything else with a Base error.</summary>
    public async Task<JsonObject> ReadJsonObjectAsync()
    {
        var request = HttpContext.Request;
        if (request.ContentLength > MaxJsonBodyBytes)
        {
            throw new RedfishException(BaseMessages.RequestBodyTooLarge);
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        var chunk = ArrayPool<byte>.Shared.Rent(16384);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, Aborted)) > 0)
            {
                if (buffer.WrittenCount + read > MaxJsonBodyBytes)
                {
                    throw new RedfishException(BaseMessages.RequestBodyTooLarge);
                }

                buffer.Write(chunk.AsSpan(0, read));
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // A chunked body past the route's limit (BodyLimitStep).
            throw new RedfishException(BaseMessages.RequestBodyTooLarge);
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException)
        {
            // A broken body (bad or overflowing chunk size, cut short): Kestrel throws either (issue 14).
            throw new RedfishException(BaseMessages.MalformedJSON);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        if (buffer.WrittenCount == 0)
        {
            throw new RedfishException(BaseMessages.MalformedJSON);
        }

        try
        {
            JsonBody.EnsureValidText(buffer.WrittenSpan);
            var json = JsonNode.Parse(buffer.WrittenSpan, documentOptions: DocumentOptions) as JsonObject
                ?? throw new RedfishException(BaseMessages.UnrecognizedRequestBody);
            JsonBody.RefuseAnnotationsOnly(json, request.Method);
            return json;
        }
        catch (JsonException)
        {
            throw new RedfishException(BaseMessages.MalformedJSON);
        }
    }

    /// <summary>Reads the body and wraps it for property-by-property validation.</summary>
    public async Task<JsonBody> ReadBodyAsync() => new(await ReadJsonObjectAsync()) { IsPatch = HttpMethods.IsPatch(HttpContext.Request.Method) };
}
