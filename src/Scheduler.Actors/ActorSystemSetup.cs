using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Scheduler.Actors.Serialization;

namespace Scheduler.Actors;

/// <summary>What an actor system is built from besides its name. Every part is optional.</summary>
public sealed record ActorSystemSetup
{
    /// <summary>Configuration layered over the built-in reference.conf (HOCON, environment, command line...).</summary>
    public IConfiguration? Configuration { get; init; }

    /// <summary>The clock for timers, the scheduler, timeouts and supervision windows; tests pass a fake one.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Where the system and its actors log.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Registers the message types this system stores or sends.</summary>
    public Action<SerializationRegistry>? Serialization { get; init; }

    /// <summary>Made by remoting's setup extension; binds the transport and resolves refs of other systems.</summary>
    internal Func<ActorSystem, IRemoteProvider>? RemoteProvider { get; init; }
}
