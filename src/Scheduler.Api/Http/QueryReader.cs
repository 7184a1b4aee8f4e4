using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Scheduler.Api.Problems;
using Scheduler.Engine.Model;

namespace Scheduler.Api.Http;

/// <summary>
/// Reads query-string parameters, collecting an error per bad one (named as the parameter) instead of failing on the
/// first, so one answer lists everything to fix.
/// </summary>
internal sealed class QueryReader(IQueryCollection query)
{
    private readonly List<ValidationError> _errors = [];

    public IReadOnlyList<ValidationError> Errors => _errors;

    public string? Text(string name) => query[name] is { Count: > 0 } values && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    public int Int(string name, int fallback, int min, int max)
    {
        if (Text(name) is not { } text)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        _errors.Add(new ValidationError(name, string.Create(CultureInfo.InvariantCulture, $"must be a whole number from {min} to {max}, was '{text}'")));
        return fallback;
    }

    public TEnum? Enum<TEnum>(string name)
        where TEnum : struct, System.Enum
    {
        if (Text(name) is not { } text)
        {
            return null;
        }

        foreach (var value in System.Enum.GetValues<TEnum>())
        {
            if (string.Equals(Name(value), text, StringComparison.OrdinalIgnoreCase) || string.Equals(value.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        _errors.Add(new ValidationError(name, "'" + text + "' is not one of: " + string.Join(", ", System.Enum.GetValues<TEnum>().Select(Name))));
        return null;
    }

    public KeyValuePair<string, string>? Pair(string name)
    {
        if (Text(name) is not { } text)
        {
            return null;
        }

        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals > 0)
        {
            return new KeyValuePair<string, string>(text[..equals], text[(equals + 1)..]);
        }

        _errors.Add(new ValidationError(name, "must be key=value, was '" + text + "'"));
        return null;
    }

    /// <summary>
    /// Answers a listing: the errors read so far as one problem, or the page <paramref name="list"/> reads. The cursor
    /// (<c>after</c>) is opaque; one that no listing made fails in <paramref name="list"/> with an argument error.
    /// </summary>
    public async Task<IResult> ListAsync<TPage>(string what, Func<Task<TPage>> list)
    {
        if (_errors.Count > 0)
        {
            return ApiProblems.Invalid(_errors, what);
        }

        try
        {
            return TypedResults.Ok(await list().ConfigureAwait(false));
        }
        catch (ArgumentException error)
        {
            return ApiProblems.Invalid("after", error.Message, what);
        }
    }

    /// <summary>The name an enum value has in the API's JSON.</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, System.Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
