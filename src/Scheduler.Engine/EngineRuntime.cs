using Scheduler.Actors;

namespace Scheduler.Engine;

/// <summary>What every task entity of a node shares: the settings, the node's address, its dispatcher and node monitor.</summary>
internal sealed record EngineRuntime(EngineSettings Settings, Address Node, IActorRef Dispatcher, IActorRef NodeMonitor);
