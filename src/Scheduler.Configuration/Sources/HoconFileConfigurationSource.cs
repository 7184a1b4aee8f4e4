using Microsoft.Extensions.Configuration;

namespace Scheduler.Configuration;

/// <summary>A HOCON file as a configuration source; reload on change and optional files come from the base class.</summary>
internal sealed class HoconFileConfigurationSource : FileConfigurationSource
{
    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new HoconFileConfigurationProvider(this);
    }
}
