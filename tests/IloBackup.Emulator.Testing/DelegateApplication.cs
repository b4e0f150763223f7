using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace IloBackup.Emulator.Testing;

/// <summary>Runs the fleet's own request pipeline for the in-process (TestServer) handlers.</summary>
internal sealed class DelegateApplication(RequestDelegate pipeline, IServiceProvider services) : IHttpApplication<HttpContext>
{
    public HttpContext CreateContext(IFeatureCollection contextFeatures) =>
        new DefaultHttpContext(contextFeatures) { RequestServices = services };

    public Task ProcessRequestAsync(HttpContext context) => pipeline(context);

    public void DisposeContext(HttpContext context, Exception? exception)
    {
    }
}
