namespace Scheduler.Configuration;

/// <summary>
/// HOCON text could not be parsed or resolved. The message starts with the place of the problem,
/// <c>source:line:column: reason</c> (for example <c>reference.conf:12:7: expected '}' but found end of input</c>).
/// </summary>
public sealed class HoconException : Exception
{
    private readonly string? _reason;

    /// <summary>Creates the exception.</summary>
    public HoconException() { }

    /// <summary>Creates the exception with a message.</summary>
    public HoconException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public HoconException(string message, Exception innerException) : base(message, innerException) { }

    internal HoconException(SourcePosition position, string reason, Exception? innerException = null)
        : base($"{position}: {reason}", innerException)
    {
        SourceName = position.SourceName;
        Line = position.Line;
        Column = position.Column;
        _reason = reason;
    }

    /// <summary>The file or source name the problem is in, or <see langword="null"/> when unknown.</summary>
    public string? SourceName { get; }

    /// <summary>The 1-based line of the problem, or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the problem, or 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>The message without the position prefix, or the whole message when no position is known.</summary>
    public string Reason => _reason ?? Message;
}
