using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scheduler.Hosting.Health;

namespace Scheduler.Hosting;

/// <summary>Adds a scheduler node to a host.</summary>
public static class SchedulerServiceCollectionExtensions
{
    /// <summary>The tag of the health checks that say whether the node is ready for work (member Up, journal reachable).</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// Adds a scheduler node named <paramref name="systemName"/>, described by <paramref name="configure"/>: it starts
    /// and stops with the host, <see cref="SchedulerNode"/> gives access to it, and two health checks tagged
    /// <see cref="ReadyTag"/> report its membership and its journal.
    /// </summary>
    public static IServiceCollection AddScheduler(this IServiceCollection services, string systemName, Action<SchedulerBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(systemName);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new SchedulerBuilder(services, systemName);
        configure(builder);
        services.AddSingleton(builder);
        services.AddSingleton(_ => new SchedulerNode());
        services.AddHostedService<SchedulerHostedService>();
        services.AddHealthChecks()
            .AddCheck<MemberUpHealthCheck>("scheduler-member-up", tags: [ReadyTag])
            .AddCheck<JournalHealthCheck>("scheduler-journal", tags: [ReadyTag]);
        return services;
    }
}
