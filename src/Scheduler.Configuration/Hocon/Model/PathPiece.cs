namespace Scheduler.Configuration;

/// <summary>
/// A piece of a path expression as written: unquoted text (where '.' separates segments) or a quoted string
/// (taken whole, so <c>"a.b"</c> is one segment).
/// </summary>
internal readonly record struct PathPiece(string Text, bool Quoted);
