using System.Reflection;
using System.Text;

namespace Scheduler.Configuration.Tests;

/// <summary>
/// Snapshots the public surface of Scheduler.Configuration, so that a change to it shows up in review
/// (Akka.NET's CoreAPISpec does the same). Update the snapshot on purpose, never to make the test pass.
/// </summary>
public sealed class PublicApiTests
{
    private const string Expected = """
        static class Scheduler.Configuration.Hocon
            static HoconRoot Parse(String text, String sourceName = "<string>", HoconParseOptions? options = null)
            static HoconRoot ParseFile(String path, HoconParseOptions? options = null)
        static class Scheduler.Configuration.HoconConfigurationBuilderExtensions
            static IConfigurationBuilder AddHoconFile(this IConfigurationBuilder builder, String path, Boolean optional = false, Boolean reloadOnChange = false)
            static IConfigurationBuilder AddHoconString(this IConfigurationBuilder builder, String text, String sourceName = "<string>")
        static class Scheduler.Configuration.HoconConfigurationExtensions
            static Int64 GetSize(this IConfiguration configuration, String key, Int64 defaultValue)
            static TimeSpan GetDuration(this IConfiguration configuration, String key, TimeSpan defaultValue)
        static class Scheduler.Configuration.HoconDuration
            static Boolean TryParse(String? text, out TimeSpan duration)
            static TimeSpan Parse(String text)
        sealed class Scheduler.Configuration.HoconException
            Int32 Column { get; }
            Int32 Line { get; }
            String Reason { get; }
            String? SourceName { get; }
            ctor()
            ctor(String message)
            ctor(String message, Exception innerException)
        sealed class Scheduler.Configuration.HoconParseOptions
            Func<String, String?> EnvironmentLookup { get; init; }
            Func<String, String?> FileReader { get; init; }
            ctor()
            static HoconParseOptions Default { get; }
        sealed class Scheduler.Configuration.HoconRoot
            HoconValue Value { get; }
            HoconValue? GetValue(String path)
            IReadOnlyDictionary<String, String?> ToConfigurationData()
            String SourceName { get; }
            String? GetString(String path)
        static class Scheduler.Configuration.HoconSize
            static Boolean TryParse(String? text, out Int64 bytes)
            static Int64 Parse(String text)
        sealed class Scheduler.Configuration.HoconValue
            HoconValueKind Kind { get; }
            IReadOnlyDictionary<String, HoconValue> Fields { get; }
            IReadOnlyList<HoconValue> Elements { get; }
            String ToString()
            String? Text { get; }
        enum Scheduler.Configuration.HoconValueKind
            Array
            Boolean
            Null
            Number
            Object
            String
        """;

    [Fact]
    public void PublicSurface_MatchesTheApprovedSnapshot()
    {
        var actual = Describe(typeof(HoconRoot).Assembly);

        actual.Should().Be(Expected.ReplaceLineEndings("\n").Trim());
    }

    private static string Describe(Assembly assembly)
    {
        var lines = new List<string>();
        var nullability = new NullabilityInfoContext();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            lines.Add($"{Kind(type)} {type.FullName}");
            const BindingFlags declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            var members = new List<string>();
            foreach (var member in type.GetMembers(declared))
            {
                var line = member switch
                {
                    ConstructorInfo c => $"ctor({Parameters(c, nullability)})",
                    MethodInfo { IsSpecialName: false } m => $"{Static(m.IsStatic)}{Name(nullability.Create(m.ReturnParameter))} {m.Name}({Parameters(m, nullability)})",
                    PropertyInfo p => $"{Static(p.GetMethod?.IsStatic ?? false)}{Name(nullability.Create(p))} {p.Name} {{ {Accessors(p)}}}",
                    FieldInfo { IsSpecialName: false } f => $"{f.Name}",
                    _ => null,
                };
                if (line is not null)
                {
                    members.Add("    " + line);
                }
            }

            members.Sort(StringComparer.Ordinal);
            lines.AddRange(members);
        }

        return string.Join('\n', lines);
    }

    private static string Kind(Type type) => type switch
    {
        { IsEnum: true } => "enum",
        { IsAbstract: true, IsSealed: true } => "static class",
        { IsSealed: true } => "sealed class",
        _ => "class",
    };

    private static string Static(bool isStatic) => isStatic ? "static " : string.Empty;

    private static string Accessors(PropertyInfo property)
    {
        var text = new StringBuilder();
        if (property.GetMethod is { IsPublic: true })
        {
            text.Append("get; ");
        }

        if (property.SetMethod is { IsPublic: true } setter)
        {
            var isInit = setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit");
            text.Append(isInit ? "init; " : "set; ");
        }

        return text.ToString();
    }

    private static string Parameters(MethodBase method, NullabilityInfoContext nullability) =>
        string.Join(", ", method.GetParameters().Select(p =>
            $"{(p.Position == 0 && method.IsDefined(typeof(System.Runtime.CompilerServices.ExtensionAttribute)) ? "this " : string.Empty)}{Name(nullability.Create(p))} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue is string s ? $"\"{s}\"" : p.DefaultValue?.ToString()?.ToLowerInvariant() ?? "null") : string.Empty)}"));

    private static string Name(NullabilityInfo info)
    {
        if (info.Type.IsByRef)
        {
            return "out " + info.Type.GetElementType()!.Name;
        }

        var type = info.Type;
        var name = type.IsGenericType
            ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", info.GenericTypeArguments.Select(Name))}>"
            : type.Name;
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return underlying.Name + "?";
        }

        return info.ReadState == NullabilityState.Nullable && !type.IsValueType ? name + "?" : name;
    }
}
