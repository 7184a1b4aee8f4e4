namespace Scheduler.Configuration;

/// <summary>
/// A value that needs no more resolution: a parsed string, number, boolean or null, or the object a substitution
/// produced, placed in a merge stack next to the objects written around it.
/// </summary>
internal sealed class ResolvedNode(SourcePosition position, HoconValue value) : HoconNode(position)
{
    public HoconValue Value { get; } = value;
}
