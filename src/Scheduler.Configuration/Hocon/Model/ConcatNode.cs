namespace Scheduler.Configuration;

/// <summary>
/// Values written next to each other on one line (<c>${a} bar</c>, <c>${a} [3]</c>, <c>${a} { c = 1 }</c>) whose
/// result depends on what the substitutions resolve to. Concatenations of plain text are joined by the parser.
/// </summary>
internal sealed class ConcatNode(SourcePosition position, IReadOnlyList<HoconNode> pieces) : HoconNode(position)
{
    public IReadOnlyList<HoconNode> Pieces { get; } = pieces;
}
