using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Redfish.Pipeline;
using IloBackup.Emulator.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IloBackup.Emulator.Hosting;

/// <summary>
/// Hosting the emulator in an ASP.NET Core application: <c>services.AddIloEmulator(emulator)</c>, then
/// <c>app.MapIloRedfish()</c> adds the request pipeline (docs/development.md, "The emulator's shape"):
/// control or iLO → overrides and faults → routing → one step per concern, each reading its
/// endpoint metadata → the route's handler → the renderer.
/// </summary>
public static class IloEmulatorHosting
{
    public static IServiceCollection AddIloEmulator(this IServiceCollection services, IloEmulator emulator)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(emulator);
        services.AddRouting();
        return services.AddSingleton(emulator);
    }

    public static WebApplication MapIloRedfish(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var emulator = app.Services.GetRequiredService<IloEmulator>();
        app.Use(next =>
        {
            RequestDelegate whole = context => emulator.IsControlRequest(context)
                ? emulator.Control.HandleAsync(context)
                : IloSelection.InvokeAsync(context, emulator, next);
            emulator.Pipeline = whole;
            return whole;
        });
        app.UseRouting();
        app.Use(next => ErrorStep.Create(next, emulator.Logger));
        app.Use(next => AvailabilityStep.Create(next, emulator.Time));
        app.Use(BodyLimitStep.Create);
        app.Use(ODataVersionStep.Create);
        app.Use(QueryOptionsStep.Create);
        app.Use(AuthenticationStep.Create);
        app.Use(PrivilegeStep.Create);
        app.Use(IfMatchStep.Create);
        app.Use(AnswerCacheStep.Create);

        var routes = new RedfishRoutes(app, RedfishEndpoint.For);
        EmulatorRoutes.Map(routes);
        routes.MapMethodRefusals(RedfishEndpoint.RefuseMethodAsync);
        app.MapFallback("{**path}", RedfishEndpoint.NotFoundAsync);
        emulator.Resolver.Build(app, app);
        return app;
    }
}
