using IloBackup.Emulator.Hosting;
using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Redfish.Metadata;
using IloBackup.Emulator.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace IloBackup.Emulator.Tests.Pipeline;

/// <summary>Hosting with <c>AddIloEmulator</c>/<c>MapIloRedfish</c> gives endpoints whose metadata carries each route's facts.</summary>
public sealed class EndpointMetadataTests
{
    [Fact]
    public async Task Every_route_is_an_endpoint_carrying_its_facts_as_metadata()
    {
        using var emulator = IloEmulator.Load(new EmulatorOptions { AdminPassword = EmulatorFixture.Password, Listen = false });
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddIloEmulator(emulator);
        await using var app = builder.Build();
        app.MapIloRedfish();
        var endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(s => s.Endpoints).ToList();

        var routed = endpoints.Where(e => e.Metadata.GetMetadata<RedfishRoute>() is not null).ToList();
        Assert.True(routed.Count > 50, $"only {routed.Count} routes");
        Assert.All(routed, e =>
        {
            Assert.NotNull(e.Metadata.GetMetadata<AuthenticationMetadata>());
            Assert.NotNull(e.Metadata.GetMetadata<PrivilegeMetadata>());
            Assert.NotNull(e.Metadata.GetMetadata<AllowedMethodsMetadata>());
        });

        var manager = routed.Single(e => e.DisplayName == "GET /redfish/v1/Managers/1");
        Assert.NotNull(manager.Metadata.GetMetadata<CacheableMetadata>());
        Assert.Equal(IloPrivileges.Login, manager.Metadata.GetMetadata<PrivilegeMetadata>()!.Privilege);
        var root = routed.Single(e => e.DisplayName == "GET /redfish/v1");
        Assert.Equal(RedfishAuth.Anonymous, root.Metadata.GetMetadata<AuthenticationMetadata>()!.Auth);
        var restore = routed.Single(e => e.DisplayName == "POST " + IloBackup.Emulator.BackupRestore.BackupRestoreServiceResource.PushUri);
        Assert.NotNull(restore.Metadata.GetMetadata<RawBodyMetadata>());
        Assert.Equal(RedfishAuth.Deferred, restore.Metadata.GetMetadata<AuthenticationMetadata>()!.Auth);
        Assert.Null(restore.Metadata.GetMetadata<CacheableMetadata>());

        // A path's 405 endpoint takes the standard methods it lacks, with its Allow list.
        var refusal = endpoints.Single(e => e.DisplayName == "405 /redfish/v1/Managers/1");
        Assert.Equal("GET, HEAD, PATCH", refusal.Metadata.GetMetadata<AllowedMethodsMetadata>()!.Header);
        Assert.Equal(["POST", "PUT", "DELETE"], refusal.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods);
    }
}
