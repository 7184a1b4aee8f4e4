using System.Globalization;
using Microsoft.AspNetCore.Http;
using Scheduler.Api.Problems;
using Scheduler.Client.Json;
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

    public int Int(string name, int fallback)
    {
        if (Text(name) is not { } text)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        _errors.Add(new ValidationError(name, "must be a whole number, was '" + text + "'"));
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
            if (string.Equals(ApiJson.Name(value), text, StringComparison.OrdinalIgnoreCase) || string.Equals(value.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        _errors.Add(new ValidationError(name, "'" + text + "' is not one of: " + string.Join(", ", System.Enum.GetValues<TEnum>().Select(ApiJson.Name))));
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
    /// Answers a listing: the errors read so far and those the query itself finds (<paramref name="invalid"/>: its
    /// page size, its cursor) as one problem, or the page <paramref name="list"/> reads.
    /// </summary>
    public async Task<IResult> ListAsync<TPage>(string what, IReadOnlyList<ValidationError> invalid, Func<Task<TPage>> list)
    {
        IReadOnlyList<ValidationError> errors = [.. _errors, .. invalid];
        return errors.Count > 0 ? ApiProblems.Invalid(errors, what) : TypedResults.Ok(await list().ConfigureAwait(false));
    }
}
