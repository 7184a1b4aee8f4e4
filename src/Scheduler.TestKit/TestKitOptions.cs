using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Scheduler.Actors;
using Scheduler.Actors.Serialization;

namespace Scheduler.TestKit;

/// <summary>How a test kit builds the actor system under test.</summary>
public sealed record TestKitOptions
{
    /// <summary>HOCON layered over the kernel's reference.conf.</summary>
    public string? Hocon { get; init; }

    /// <summary>Further configuration layered over <see cref="Hocon"/>.</summary>
    public IConfiguration? Configuration { get; init; }

    /// <summary>Run the system on a <see cref="FakeTimeProvider"/> (see <see cref="TestKitBase.FakeTime"/>).</summary>
    public bool UseFakeTime { get; init; }

    /// <summary>The least severe log level written to the test output.</summary>
    public LogLevel OutputLevel { get; init; } = LogLevel.Information;

    /// <summary>Message registrations for the system.</summary>
    public Action<SerializationRegistry>? Serialization { get; init; }

    /// <summary>Adds to the system's setup, such as <c>setup => setup.WithRemoting()</c>.</summary>
    public Func<ActorSystemSetup, ActorSystemSetup>? Setup { get; init; }

    /// <summary>The actor system's name; by default the test class's name.</summary>
    public string? SystemName { get; init; }

    /// <summary>Whether disposing the kit fails the test when the system does not terminate in time.</summary>
    public bool VerifySystemShutdown { get; init; } = true;
}
