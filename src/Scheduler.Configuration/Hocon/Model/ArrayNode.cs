namespace Scheduler.Configuration;

/// <summary>An array as parsed; its elements may still hold substitutions.</summary>
internal sealed class ArrayNode(SourcePosition position, IReadOnlyList<HoconNode> elements) : HoconNode(position)
{
    public IReadOnlyList<HoconNode> Elements { get; } = elements;
}
