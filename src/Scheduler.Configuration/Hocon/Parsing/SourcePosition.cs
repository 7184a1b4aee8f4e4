namespace Scheduler.Configuration;

/// <summary>Where a token or value came from: a source (file or name given to the parser), a 1-based line and column.</summary>
internal readonly record struct SourcePosition(string SourceName, int Line, int Column)
{
    public override string ToString() => $"{SourceName}:{Line}:{Column}";
}
