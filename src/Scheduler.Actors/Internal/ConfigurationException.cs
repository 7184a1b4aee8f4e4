namespace Scheduler.Actors;

/// <summary>A configuration value is missing or malformed; the message names the key.</summary>
public sealed class ConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConfigurationException() { }

    /// <summary>Creates the exception with a message naming the key.</summary>
    public ConfigurationException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ConfigurationException(string message, Exception innerException) : base(message, innerException) { }
}
