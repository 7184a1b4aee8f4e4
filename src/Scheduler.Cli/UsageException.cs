namespace Scheduler.Cli;

/// <summary>The command line or an input file is wrong; the message says how. Nothing was sent.</summary>
internal sealed class UsageException : Exception
{
    public UsageException() { }

    public UsageException(string message) : base(message) { }

    public UsageException(string message, Exception innerException) : base(message, innerException) { }
}
