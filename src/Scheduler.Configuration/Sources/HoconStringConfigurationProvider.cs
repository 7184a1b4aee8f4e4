using Microsoft.Extensions.Configuration;

namespace Scheduler.Configuration;

/// <summary>Loads HOCON text into configuration keys.</summary>
internal sealed class HoconStringConfigurationProvider(HoconStringConfigurationSource source) : ConfigurationProvider
{
    public override void Load() =>
        Data = ConfigurationFlattener.Flatten(Hocon.Parse(source.Text, source.SourceName).Value);
}
