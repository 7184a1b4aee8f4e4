using System.CommandLine;
using Scheduler.Client.Json;

namespace Scheduler.Cli.Input;

/// <summary>
/// Options whose value is one of an enum's, spelt as the API spells it (<c>let-finish</c>, <c>retry-waiting</c>);
/// the .NET name is accepted too. A wrong value is a parse error that lists the choices.
/// </summary>
internal static class Choices
{
    public static Option<TEnum> Option<TEnum>(string name, string description, TEnum fallback, params string[] aliases)
        where TEnum : struct, Enum
    {
        var option = new Option<TEnum>(name, aliases)
        {
            Description = description + " (" + string.Join("|", Names<TEnum>()) + ")",
            DefaultValueFactory = _ => fallback,
            CustomParser = result => Parse<TEnum>(result.Tokens[0].Value, name, result.AddError) ?? fallback,
        };
        return WithNames(option, Names<TEnum>());
    }

    public static Option<TEnum?> Optional<TEnum>(string name, string description)
        where TEnum : struct, Enum
    {
        var option = new Option<TEnum?>(name)
        {
            Description = description + " (" + string.Join("|", Names<TEnum>()) + ")",
            CustomParser = result => Parse<TEnum>(result.Tokens[0].Value, name, result.AddError),
        };
        return WithNames(option, Names<TEnum>());
    }

    // Completions (and the help's list of values) in the API's spelling only, not also the .NET names.
    private static Option<T> WithNames<T>(Option<T> option, string[] names)
    {
        option.CompletionSources.Clear();
        option.CompletionSources.Add(names);
        return option;
    }

    private static string[] Names<TEnum>()
        where TEnum : struct, Enum => [.. Enum.GetValues<TEnum>().Select(ApiJson.Name)];

    private static TEnum? Parse<TEnum>(string text, string name, Action<string> error)
        where TEnum : struct, Enum
    {
        foreach (var value in Enum.GetValues<TEnum>())
        {
            if (string.Equals(ApiJson.Name(value), text, StringComparison.OrdinalIgnoreCase) ||
                string.Equals(value.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        error(name + ": '" + text + "' is not one of " + string.Join(", ", Enum.GetValues<TEnum>().Select(ApiJson.Name)));
        return null;
    }
}
