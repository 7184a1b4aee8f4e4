using Microsoft.Extensions.Configuration;
using Scheduler.Actors;
using Scheduler.Configuration;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>Reads the engine's settings from a HOCON text over reference.conf, in a short-lived actor system.</summary>
internal static class EngineSettingsOf
{
    public static async Task<EngineSettings> ReadAsync(string hocon, string systemName = "settings")
    {
        var system = ActorSystem.Create(systemName, new ConfigurationBuilder().AddHoconString(hocon).Build());
        try
        {
            return EngineSettings.Create(system);
        }
        finally
        {
            await system.Terminate();
        }
    }
}
