namespace Scheduler.Engine.Tests.MultiNode.Witness;

/// <summary>
/// A node a spec took out (killed, or cut off and downed) at <paramref name="At"/>, on the database server's clock,
/// taken after the fact: what ran there and left no end had ended by then.
/// </summary>
public sealed record Departure(string Node, DateTime At);
