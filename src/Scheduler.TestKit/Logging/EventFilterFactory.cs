using Microsoft.Extensions.Logging;

namespace Scheduler.TestKit;

/// <summary>Builds <see cref="EventFilter"/>s for a test kit.</summary>
public sealed class EventFilterFactory
{
    private readonly TestKitBase _kit;

    internal EventFilterFactory(TestKitBase kit) => _kit = kit;

    /// <summary>Error lines carrying an exception of type <typeparamref name="T"/> (or a subtype).</summary>
    public EventFilter Exception<T>(string? contains = null) where T : Exception => new(_kit, LogLevel.Error, typeof(T), contains);

    /// <summary>Error lines, optionally containing some text.</summary>
    public EventFilter Error(string? contains = null) => new(_kit, LogLevel.Error, null, contains);

    /// <summary>Warning lines, optionally containing some text.</summary>
    public EventFilter Warning(string? contains = null) => new(_kit, LogLevel.Warning, null, contains);

    /// <summary>Information lines, optionally containing some text.</summary>
    public EventFilter Info(string? contains = null) => new(_kit, LogLevel.Information, null, contains);
}
