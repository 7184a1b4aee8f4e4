using System.Globalization;
using System.Text;
using Scheduler.Client.Json;
using Scheduler.Engine.ReadModel;

namespace Scheduler.Client.Http;

/// <summary>The query string of a listing, with the parameter names and enum spellings the API reads.</summary>
internal static class QueryString
{
    public static string Of(TaskQuery query) => Build(
        ("state", query.State is { } state ? ApiJson.Name(state) : null),
        ("type", query.Type),
        ("label", query.Label is { } label ? label.Key + "=" + label.Value : null),
        ("parent", query.ParentId),
        ("schedule", query.ScheduleId),
        ("limit", query.Limit.ToString(CultureInfo.InvariantCulture)),
        ("after", query.After));

    public static string Of(ScheduleQuery query) => Build(
        ("status", query.Status is { } status ? ApiJson.Name(status) : null),
        ("limit", query.Limit.ToString(CultureInfo.InvariantCulture)),
        ("after", query.After));

    public static string Build(params (string Name, string? Value)[] parameters)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            if (value is null)
            {
                continue;
            }

            text.Append(text.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return text.ToString();
    }
}
