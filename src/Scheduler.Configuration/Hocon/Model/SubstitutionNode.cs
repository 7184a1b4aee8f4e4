namespace Scheduler.Configuration;

/// <summary>
/// <c>${path}</c> or <c>${?path}</c>. <see cref="Path"/> is absolute (an included file's substitutions are prefixed
/// with the path of the include site); <see cref="EnvironmentName"/> is the expression as written, asked of the
/// environment when the path is not in the configuration.
/// </summary>
internal sealed class SubstitutionNode(SourcePosition position, HoconPath path, bool optional, string environmentName)
    : HoconNode(position)
{
    public HoconPath Path { get; } = path;

    public bool Optional { get; } = optional;

    public string EnvironmentName { get; } = environmentName;

    public override string ToString() => Optional ? $"${{?{Path}}}" : $"${{{Path}}}";
}
