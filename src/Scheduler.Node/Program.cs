using Scheduler.Node;

// The node executable: `scheduler-node` alone starts a one-node development cluster (see DevelopmentDefaults);
// `scheduler-node --config hocon/seed.conf` starts a node of a real cluster.
var app = NodeApplication.Build(args);
await app.RunAsync().ConfigureAwait(false);
