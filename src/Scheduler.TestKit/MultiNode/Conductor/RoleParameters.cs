using System.Collections;

namespace Scheduler.TestKit.MultiNode.Conductor;

/// <summary>
/// How the parameters of a run travel from the test process to its roles: as environment variables of the role
/// processes, under a prefix no other setting uses, so nothing but the runner's own hand-over can set them.
/// </summary>
internal static class RoleParameters
{
    private const string Prefix = "SCHEDULER_MULTINODE_PARAMETER_";

    /// <summary>The environment variables that carry <paramref name="parameters"/>; names are checked first.</summary>
    public static Dictionary<string, string> ToEnvironment(IReadOnlyDictionary<string, string> parameters)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            environment[Prefix + KeyFor(name)] = value ?? throw new ArgumentException($"The parameter '{name}' has no value.", nameof(parameters));
        }

        return environment;
    }

    /// <summary>Every parameter this role process was given, by name in upper case.</summary>
    public static Dictionary<string, string> ReadAll()
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string key && key.StartsWith(Prefix, StringComparison.Ordinal) && variable.Value is string value)
            {
                parameters[key[Prefix.Length..]] = value;
            }
        }

        return parameters;
    }

    /// <summary>The key <see cref="ReadAll"/> files <paramref name="name"/> under: the name checked, in upper case.</summary>
    public static string KeyFor(string name)
    {
        // Letters, digits and underscores only: every shell and OS takes such a variable name as it is.
        if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"The parameter name '{name}' is not usable: use letters, digits and underscores.", nameof(name));
        }

        return name.ToUpperInvariant();
    }
}
