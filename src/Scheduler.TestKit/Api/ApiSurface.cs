using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace Scheduler.TestKit;

/// <summary>
/// An approval test of an assembly's public surface (in the spirit of Akka.NET's CoreAPISpec): every public type and
/// member as one line each, compared with a file kept beside the test. A change to the surface then shows up in
/// review as a change to that file. Update the file on purpose, never to make the test pass.
/// </summary>
public static class ApiSurface
{
    /// <summary>
    /// Fails when <paramref name="assembly"/>'s surface differs from <paramref name="approvedFile"/> (relative to the
    /// calling test's folder); writes what it found to a <c>.received.txt</c> file beside it for diffing.
    /// </summary>
    public static void Verify(Assembly assembly, string approvedFile, [CallerFilePath] string callerFile = "")
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var folder = Path.GetDirectoryName(callerFile) ?? ".";
        var approvedPath = Path.Combine(folder, approvedFile);
        var actual = Describe(assembly);
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n").Trim() : string.Empty;
        var receivedPath = approvedPath.Contains(".approved.", StringComparison.Ordinal)
            ? approvedPath.Replace(".approved.", ".received.", StringComparison.Ordinal)
            : approvedPath + ".received.txt";
        if (string.Equals(actual, approved, StringComparison.Ordinal))
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, actual + "\n");
        var actualLines = actual.Split('\n');
        var approvedLines = approved.Split('\n');
        var first = Enumerable.Range(0, Math.Max(actualLines.Length, approvedLines.Length))
            .First(i => i >= actualLines.Length || i >= approvedLines.Length || !string.Equals(actualLines[i], approvedLines[i], StringComparison.Ordinal));
        throw new AssertionFailedException(
            $"The public surface of {assembly.GetName().Name} changed (first difference at line {first + 1}: " +
            $"approved '{(first < approvedLines.Length ? approvedLines[first].Trim() : "<end>")}', " +
            $"now '{(first < actualLines.Length ? actualLines[first].Trim() : "<end>")}'). " +
            $"If the change is intended, replace {approvedPath} with {receivedPath}.");
    }

    /// <summary>The public surface as sorted text.</summary>
    public static string Describe(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var nullability = new NullabilityInfoContext();
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            lines.Add($"{Kind(type)} {TypeName(type)}{BaseTypes(type)}");
            const BindingFlags declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            var members = type.GetMembers(declared)
                .Concat(type.GetMembers(BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                    .Where(static m => m is MethodBase { IsFamily: true } or MethodBase { IsFamilyOrAssembly: true }
                        or PropertyInfo { GetMethod.IsFamily: true }))
                .Select(m => Member(m, nullability, type))
                .OfType<string>()
                .Select(static line => "    " + line)
                .Order(StringComparer.Ordinal);
            lines.AddRange(members);
        }

        return string.Join('\n', lines);
    }

    private static string? Member(MemberInfo member, NullabilityInfoContext nullability, Type owner) => member switch
    {
        ConstructorInfo c when !owner.IsAbstract || c.IsFamily || c.IsPublic => $"{Access(c)}ctor({Parameters(c, nullability)})",
        MethodInfo { IsSpecialName: false } m when !IsRecordNoise(m) =>
            $"{Access(m)}{Modifiers(m)}{Name(nullability.Create(m.ReturnParameter))} {m.Name}{Generic(m)}({Parameters(m, nullability)})",
        PropertyInfo p => $"{Access(p.GetMethod ?? p.SetMethod!)}{Modifiers(p.GetMethod ?? p.SetMethod!)}{Name(nullability.Create(p))} {p.Name} {{ {Accessors(p)}}}",
        FieldInfo { IsSpecialName: false } f => $"{(f.IsStatic && !owner.IsEnum ? "static " : string.Empty)}{(owner.IsEnum ? string.Empty : Name(nullability.Create(f)) + " ")}{f.Name}",
        EventInfo e => $"event {e.EventHandlerType?.Name} {e.Name}",
        _ => null,
    };

    // Compiler-generated members of records say nothing about the design.
    private static bool IsRecordNoise(MethodInfo method) =>
        method.Name is "<Clone>$" or "PrintMembers" or "Deconstruct" || method.IsDefined(typeof(CompilerGeneratedAttribute));

    private static string Kind(Type type) => type switch
    {
        { IsEnum: true } => "enum",
        { IsInterface: true } => "interface",
        { IsValueType: true } => "struct",
        { BaseType.FullName: "System.MulticastDelegate" } => "delegate",
        { IsAbstract: true, IsSealed: true } => "static class",
        { IsSealed: true } => "sealed class",
        { IsAbstract: true } => "abstract class",
        _ => "class",
    };

    private static string BaseTypes(Type type)
    {
        var bases = new List<string>();
        if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType) && baseType != typeof(Enum) && baseType != typeof(MulticastDelegate))
        {
            bases.Add(TypeName(baseType));
        }

        bases.AddRange(type.GetInterfaces().Where(i => i.IsPublic || i.IsNestedPublic).Select(TypeName).Order(StringComparer.Ordinal));
        return bases.Count == 0 ? string.Empty : " : " + string.Join(", ", bases);
    }

    private static string TypeName(Type type)
    {
        var name = type.IsNested ? $"{TypeName(type.DeclaringType!)}+{type.Name}" : type.FullName ?? type.Name;
        if (!type.IsGenericType)
        {
            return name;
        }

        var tick = name.IndexOf('`', StringComparison.Ordinal);
        var bare = tick < 0 ? name : name[..tick];
        return $"{bare}<{string.Join(", ", type.GetGenericArguments().Select(static a => a.Name))}>";
    }

    private static string Access(MethodBase method) => method.IsFamily || method.IsFamilyOrAssembly ? "protected " : string.Empty;

    private static string Modifiers(MethodBase method) =>
        method.IsStatic ? "static "
        : method.IsAbstract && !method.DeclaringType!.IsInterface ? "abstract "
        : method.IsVirtual && !method.IsFinal && !method.DeclaringType!.IsInterface
            ? ((method as MethodInfo)?.GetBaseDefinition() == method ? "virtual " : "override ")
            : string.Empty;

    private static string Generic(MethodInfo method) =>
        method.IsGenericMethodDefinition ? $"<{string.Join(", ", method.GetGenericArguments().Select(static a => a.Name))}>" : string.Empty;

    private static string Accessors(PropertyInfo property)
    {
        var text = new StringBuilder();
        if (property.GetMethod is { } getter && (getter.IsPublic || getter.IsFamily))
        {
            text.Append("get; ");
        }

        if (property.SetMethod is { } setter && (setter.IsPublic || setter.IsFamily))
        {
            var isInit = setter.ReturnParameter.GetRequiredCustomModifiers().Any(static m => string.Equals(m.Name, "IsExternalInit", StringComparison.Ordinal));
            text.Append(isInit ? "init; " : "set; ");
        }

        return text.ToString();
    }

    private static string Parameters(MethodBase method, NullabilityInfoContext nullability) =>
        string.Join(", ", method.GetParameters().Select(p =>
        {
            var prefix = p.Position == 0 && method.IsDefined(typeof(ExtensionAttribute)) ? "this " : p.IsDefined(typeof(ParamArrayAttribute)) ? "params " : string.Empty;
            var defaultValue = p.HasDefaultValue
                ? " = " + (p.DefaultValue is string s ? $"\"{s}\"" : p.DefaultValue?.ToString()?.ToLowerInvariant() ?? "null")
                : string.Empty;
            return $"{prefix}{Name(nullability.Create(p))} {p.Name}{defaultValue}";
        }));

    private static string Name(NullabilityInfo info)
    {
        var type = info.Type;
        if (type.IsByRef)
        {
            return (type.GetElementType() is { } element ? "ref " + element.Name : type.Name);
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return underlying.Name + "?";
        }

        var name = type.IsGenericType
            ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", info.GenericTypeArguments.Select(Name))}>"
            : type.IsArray && info.ElementType is { } item ? Name(item) + "[]" : type.Name;
        return info.ReadState == NullabilityState.Nullable && !type.IsValueType ? name + "?" : name;
    }
}
