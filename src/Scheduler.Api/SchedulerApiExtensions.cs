using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Api.ClusterView;
using Scheduler.Api.Http;
using Scheduler.Api.Json;
using Scheduler.Api.Metrics;
using Scheduler.Api.Problems;
using Scheduler.Api.Schedules;
using Scheduler.Api.Security;
using Scheduler.Api.Tasks;
using Scheduler.Client.Json;
using Scheduler.Hosting;

namespace Scheduler.Api;

/// <summary>
/// Adds the REST API to an ASP.NET Core application that runs a scheduler node (<see cref="SchedulerServiceCollectionExtensions.AddScheduler"/>):
/// <c>/api/tasks</c>, <c>/api/schedules</c>, <c>/api/cluster</c>, <c>/api/workers</c>, <c>/api/shards</c> behind the
/// bearer token; <c>/healthz</c>, <c>/readyz</c> and the OpenAPI document at <c>/openapi/v1.json</c> open.
/// </summary>
public static class SchedulerApiExtensions
{
    /// <summary>The authorization policy every protected endpoint requires.</summary>
    public const string Policy = "scheduler-api";

    /// <summary>
    /// Registers the API's services with settings read from <c>scheduler.api</c> in <paramref name="configuration"/>
    /// (checked now: a missing token fails here with the key named) and returns those settings.
    /// </summary>
    public static ApiSettings AddSchedulerApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        var settings = ApiSettings.Read(configuration);
        services.AddSingleton(settings);
        services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
        services.AddProblemDetails(options => options.CustomizeProblemDetails = FrameworkProblems.Explain);
        services.Configure<KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = settings.MaxRequestSize);
        // The core services only: AddAuthentication would also bring data protection, which writes key files the
        // token check never uses.
        services.AddWebEncoders();
        services.AddAuthenticationCore(options =>
        {
            options.DefaultScheme = BearerTokenHandler.SchemeName;
            options.AddScheme<BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        });
        services.AddOptions<BearerTokenOptions>(BearerTokenHandler.SchemeName);
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(BearerTokenHandler.SchemeName).RequireAuthenticatedUser());
        services.AddOpenApi();
        services.AddSingleton<MetricsCollector>();
        services.AddSingleton<NodeMetrics>();
        return settings;
    }

    /// <summary>Adds the API's middleware (problem details for every error status, authentication) and maps its endpoints.</summary>
    public static WebApplication UseSchedulerApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        // Listening starts now, before the node runs, so that no count is missed; the node's gauges register with it.
        var metrics = app.Services.GetRequiredService<MetricsCollector>();
        app.MapGet("/metrics", () => TypedResults.Text(PrometheusText.Write(metrics.Scrape()), PrometheusText.ContentType))
            .RequireAuthorization(Policy).ExcludeFromDescription();

        var api = app.MapGroup("/api").RequireAuthorization(Policy).AddEndpointFilter<NodeAvailabilityFilter>();
        TaskEndpoints.Map(api);
        ScheduleEndpoints.Map(api);
        ClusterEndpoints.Map(api);

        // Liveness: the process answers. Readiness: the node is Up and its journal answers.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(SchedulerServiceCollectionExtensions.ReadyTag) });
        app.MapOpenApi();
        return app;
    }
}
