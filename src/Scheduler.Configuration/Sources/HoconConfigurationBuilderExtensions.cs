using Microsoft.Extensions.Configuration;

namespace Scheduler.Configuration;

/// <summary>
/// Adds HOCON to a configuration builder. Sources added later (environment variables, command-line switches)
/// override HOCON values as usual; HOCON substitutions resolve within one source only.
/// </summary>
public static class HoconConfigurationBuilderExtensions
{
    /// <summary>Adds a HOCON file; a relative path is resolved against the builder's base path.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="path">The file.</param>
    /// <param name="optional">Whether a missing file is ignored instead of failing the build.</param>
    /// <param name="reloadOnChange">Whether configuration reloads when the file changes.</param>
    public static IConfigurationBuilder AddHoconFile(this IConfigurationBuilder builder, string path, bool optional = false, bool reloadOnChange = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return builder.Add<HoconFileConfigurationSource>(source =>
        {
            source.Path = path;
            source.Optional = optional;
            source.ReloadOnChange = reloadOnChange;
            source.ResolveFileProvider();
        });
    }

    /// <summary>Adds HOCON text, such as an embedded <c>reference.conf</c>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="text">The document.</param>
    /// <param name="sourceName">The name error messages give the text.</param>
    public static IConfigurationBuilder AddHoconString(this IConfigurationBuilder builder, string text, string sourceName = "<string>")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);
        return builder.Add(new HoconStringConfigurationSource(text, sourceName));
    }
}
