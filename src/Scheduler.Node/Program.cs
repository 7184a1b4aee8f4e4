using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Scheduler.Actors;
using Scheduler.Configuration;
using Scheduler.Node;

// The node executable. Until the cluster and the scheduling engine exist (later issues), it starts an actor
// system from configuration and runs a short supervised demo, so a newcomer sees the kernel working end to end.
var configuration = new ConfigurationBuilder()
    .AddHoconFile(Path.Combine(AppContext.BaseDirectory, "node.conf"), optional: true)
    .AddEnvironmentVariables()
    .AddCommandLine(args)
    .Build();

using var loggerFactory = LoggerFactory.Create(builder => builder
    .AddSimpleConsole(options =>
    {
        options.SingleLine = true;
        options.TimestampFormat = "HH:mm:ss.fff ";
    })
    .SetMinimumLevel(LogLevel.Information));

var system = ActorSystem.Create("scheduler", new ActorSystemSetup { Configuration = configuration, LoggerFactory = loggerFactory });
var log = loggerFactory.CreateLogger("Scheduler.Node");
try
{
    var report = await Demo.RunAsync(system, configuration, log).ConfigureAwait(false);
    NodeLog.DemoFinished(log, report);
}
finally
{
    await system.Terminate().ConfigureAwait(false);
}
