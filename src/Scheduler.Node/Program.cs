using Scheduler.Node;

// The node executable: `scheduler-node` alone starts a one-node development cluster (see DevelopmentDefaults);
// `scheduler-node --config hocon/seed.conf` starts a node of a real cluster.
try
{
    var app = NodeApplication.Build(args);
    await app.RunAsync().ConfigureAwait(false);
    return 0;
}
catch (Exception error) when (error is not OutOfMemoryException)
{
    // A bad setting or a port in use: say why and exit with a code, rather than abort with an unhandled exception.
    await Console.Error.WriteLineAsync("scheduler-node: " + StartFailure.Describe(error)).ConfigureAwait(false);
    return StartFailure.ExitCode;
}
