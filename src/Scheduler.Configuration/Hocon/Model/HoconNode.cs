namespace Scheduler.Configuration;

/// <summary>
/// A value as parsed, before substitutions are resolved and duplicate keys merged. Nodes are compared by
/// reference: each one stands for one place in the source text.
/// </summary>
internal abstract class HoconNode(SourcePosition position)
{
    public SourcePosition Position { get; } = position;
}
