using Microsoft.Extensions.Configuration;

namespace Scheduler.Configuration;

/// <summary>HOCON text held in memory (an embedded reference.conf, a test) as a configuration source.</summary>
internal sealed class HoconStringConfigurationSource(string text, string sourceName) : IConfigurationSource
{
    public string Text { get; } = text;

    public string SourceName { get; } = sourceName;

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new HoconStringConfigurationProvider(this);
}
