using IloBackup.Serve.Access;
using IloBackup.Serve.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace IloBackup.Serve.Web;

/// <summary>
/// The web side of <c>ilobackup serve</c>: ASP.NET Core minimal APIs on Kestrel (TLS unless told otherwise), every route
/// declaring the role it needs (<see cref="RequiresRole"/>), checked with CSRF by <see cref="AccessMiddleware"/>.
/// </summary>
public static class ServeApp
{
    public static WebApplication Build(ServeContext context, ServeAppOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        if (options.Log is { } log)
        {
            builder.Logging.AddProvider(new TextWriterLoggerProvider(log));
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(options.Listen, listen =>
            {
                if (options.Certificate is { } certificate)
                {
                    listen.UseHttps(certificate);
                }
            });
        });
        var metrics = new ServeMetrics(options.MeterName, () => context.Fleet.Current, context.Runs.Store, () => context.Runs.Current);
        builder.Services.AddSingleton(metrics);
        builder.Services.AddOpenTelemetry().ConfigureResource(r => r.AddService("ilobackup", serviceVersion: typeof(ServeApp).Assembly.GetName().Version?.ToString())).WithMetrics(m => m.AddMeter(options.MeterName).AddPrometheusExporter(p => p.ScrapeResponseCacheDurationMilliseconds = 0));
        configure?.Invoke(builder);

        var app = builder.Build();
        var tls = options.Certificate is not null;
        app.Use(next => http =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-store";
            if (tls)
            {
                headers.StrictTransportSecurity = "max-age=31536000";
            }

            return next(http);
        });
        app.UseRouting();
        app.Use(next => new AccessMiddleware(next, context.Access).InvokeAsync);
        Routes.Map(app, context);
        app.MapPrometheusScrapingEndpoint("/metrics").WithMetadata(new RequiresRole(Role.Viewer));
        return app;
    }
}
