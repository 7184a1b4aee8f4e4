using Microsoft.Extensions.Configuration;

namespace Scheduler.Configuration;

/// <summary>
/// Loads a HOCON file into configuration keys. Includes are looked up next to the file on disk; only the file
/// itself is watched for changes, not the files it includes.
/// </summary>
internal sealed class HoconFileConfigurationProvider(HoconFileConfigurationSource source) : FileConfigurationProvider(source)
{
    public override void Load(Stream stream)
    {
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        var path = Source.Path ?? "<file>";
        var physicalPath = Source.FileProvider?.GetFileInfo(path).PhysicalPath;
        var root = Hocon.Load(text, path, physicalPath, HoconParseOptions.Default);
        Data = ConfigurationFlattener.Flatten(root.Value);
    }
}
