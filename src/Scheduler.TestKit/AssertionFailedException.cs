namespace Scheduler.TestKit;

/// <summary>An expectation of the test kit was not met.</summary>
public sealed class AssertionFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AssertionFailedException() { }

    /// <summary>Creates the exception with a message saying what was expected and what happened.</summary>
    public AssertionFailedException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public AssertionFailedException(string message, Exception innerException) : base(message, innerException) { }
}
