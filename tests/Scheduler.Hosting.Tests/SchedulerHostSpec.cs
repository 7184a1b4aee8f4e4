using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Scheduler.Actors;
using Scheduler.Configuration;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Model;
using Scheduler.Engine.Tasks;
using Scheduler.Hosting;
using Xunit.Abstractions;

namespace Scheduler.Hosting.Tests;

/// <summary>A node in a generic host: it starts and stops with the host, runs executors from dependency injection, and reports its health.</summary>
public sealed class SchedulerHostSpec(ITestOutputHelper output) : TestKit.TestKit(output), IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scheduler-hosting-").FullName;

    void IDisposable.Dispose() => Directory.Delete(_folder, recursive: true);

    private IHost Build(Action<SchedulerBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(new Greeting("hello"));
        builder.Services.AddScheduler("scheduler", node =>
        {
            node.WithRemoting("127.0.0.1", 0)
                .WithSqlitePersistence(Path.Combine(_folder, "data", "scheduler.db"))
                .WithWorker(2)
                .AddExecutor<GreetingExecutor>("greet")
                .Set(("engine.passivate-finished-after", "1s"));
            configure(node);
        });
        return builder.Build();
    }

    [Fact]
    public async Task A_node_starts_with_the_host_runs_an_injected_executor_reports_ready_and_stops_with_the_host()
    {
        using var host = Build(_ => { });
        await host.StartAsync();
        var node = host.Services.GetRequiredService<SchedulerNode>();
        await node.Started;

        var submitted = await node.Client.SubmitAsync(new TaskSpec { Id = "hi", Type = "greet" });
        submitted.Should().BeOfType<TaskReply.Accepted>();
        AwaitAssert(() =>
        {
            var view = node.Client.GetAsync("hi").GetAwaiter().GetResult().Should().BeOfType<TaskReply.Accepted>().Subject.Task;
            view.State.Should().Be(TaskState.Succeeded);
            view.Result!.Value.GetString().Should().Be("hello from hi");
        }, TimeSpan.FromSeconds(15));
        File.Exists(Path.Combine(_folder, "data", "scheduler.db")).Should().BeTrue("the node makes the folder of its SQLite file");

        var health = host.Services.GetRequiredService<HealthCheckService>();
        AwaitAssert(() =>
        {
            var report = health.CheckHealthAsync(check => check.Tags.Contains(SchedulerServiceCollectionExtensions.ReadyTag)).GetAwaiter().GetResult();
            report.Entries.Keys.Should().BeEquivalentTo("scheduler-member-up", "scheduler-journal");
            report.Status.Should().Be(HealthStatus.Healthy, string.Join("; ", report.Entries.Select(e => e.Key + ": " + e.Value.Description)));
        }, TimeSpan.FromSeconds(15));

        var system = node.System;
        await host.StopAsync();

        system.WhenTerminated.IsCompleted.Should().BeTrue("stopping the host runs coordinated shutdown to its end");
        node.Cluster.SelfMember!.Status.Should().BeOneOf(Cluster.Members.MemberStatus.Removed, Cluster.Members.MemberStatus.Exiting, Cluster.Members.MemberStatus.Down);
    }

    [Fact]
    public async Task A_bad_setting_stops_the_start_with_an_error_naming_the_key_and_fails_the_node()
    {
        using var host = Build(node => node.Set(("persistence.sql.database", "oracle")));

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<ConfigurationException>()).WithMessage("*scheduler.persistence.sql.database*oracle*");
        var node = host.Services.GetRequiredService<SchedulerNode>();
        node.Started.IsFaulted.Should().BeTrue();
        var access = () => node.System;
        access.Should().Throw<InvalidOperationException>().WithMessage("*has not started*");
    }

    [Fact]
    public async Task Health_checks_report_a_node_that_has_not_started()
    {
        using var host = Build(_ => { });

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        report.Status.Should().Be(HealthStatus.Unhealthy);
        report.Entries.Values.Select(entry => entry.Description).Should().AllBe("the node has not started");
    }

    private sealed record Greeting(string Word);

    /// <summary>Made per attempt by dependency injection, with a service of the host.</summary>
    private sealed class GreetingExecutor(Greeting greeting) : ITaskExecutor
    {
        public Task<JsonElement?> ExecuteAsync(TaskContext context) =>
            Task.FromResult<JsonElement?>(JsonSerializer.SerializeToElement(greeting.Word + " from " + context.TaskId));
    }
}
