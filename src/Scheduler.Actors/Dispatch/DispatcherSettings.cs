namespace Scheduler.Actors;

/// <summary>One configured dispatcher.</summary>
internal sealed record DispatcherSettings(string Id, bool IsPinned, int Throughput);
