namespace Scheduler.Configuration;

/// <summary>
/// Whitespace between two pieces of a value concatenation. It is kept in string concatenations
/// (<c>foo  bar</c> keeps both spaces) and ignored between objects or arrays.
/// </summary>
internal sealed class WhitespaceNode(SourcePosition position, string text) : HoconNode(position)
{
    public string Text { get; } = text;
}
