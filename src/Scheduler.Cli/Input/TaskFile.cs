using System.Text;
using System.Text.Json;
using Scheduler.Client.Json;
using Scheduler.Engine.Model;

namespace Scheduler.Cli.Input;

/// <summary>
/// Reads the tasks of <c>submit --file</c>: one JSON task, a JSON array of tasks, or JSON Lines (one task per line,
/// blank lines skipped). Every task is read before any is sent, and every bad one is named (by its line or its place
/// in the array) with what is wrong, so a file with a mistake sends nothing.
/// </summary>
internal static class TaskFile
{
    /// <summary>One task of the file and where it came from (<c>line 3</c>, <c>item 2</c>).</summary>
    public sealed record Entry(string Where, TaskSpec Spec);

    public static IReadOnlyList<Entry> Read(string text, string source)
    {
        var errors = new List<string>();
        var entries = new List<Entry>();
        if (TryParseDocument(text) is { } document)
        {
            using (document)
            {
                if (document.RootElement.ValueKind == JsonValueKind.Array)
                {
                    var index = 0;
                    foreach (var item in document.RootElement.EnumerateArray())
                    {
                        Add("item " + (++index).ToString(System.Globalization.CultureInfo.InvariantCulture), item.GetRawText(), entries, errors);
                    }
                }
                else
                {
                    Add("the task", document.RootElement.GetRawText(), entries, errors);
                }
            }
        }
        else
        {
            var number = 0;
            foreach (var line in text.Split('\n'))
            {
                number++;
                if (line.Trim().Length > 0)
                {
                    Add("line " + number.ToString(System.Globalization.CultureInfo.InvariantCulture), line, entries, errors);
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new UsageException(source + " has " + errors.Count + (errors.Count == 1 ? " bad task" : " bad tasks") + "; nothing was sent:\n  " + string.Join("\n  ", errors));
        }

        return entries.Count > 0 ? entries : throw new UsageException(source + " holds no task");
    }

    private static JsonDocument? TryParseDocument(string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Add(string where, string json, List<Entry> entries, List<string> errors)
    {
        try
        {
            var spec = JsonSerializer.Deserialize<TaskSpec>(json, ApiJson.Options);
            if (spec is null)
            {
                errors.Add(where + ": is null, expected a task object");
                return;
            }

            entries.Add(new Entry(where, spec));
        }
        catch (JsonException invalid)
        {
            errors.Add(where + ": " + Describe(invalid));
        }
    }

    // System.Text.Json names the place (a JSON path) apart from the message; both help.
    private static string Describe(JsonException invalid)
    {
        var text = new StringBuilder(invalid.Message.Split(" Path:", 2)[0]);
        if (!string.IsNullOrEmpty(invalid.Path) && !string.Equals(invalid.Path, "$", StringComparison.Ordinal))
        {
            text.Append(" (at ").Append(invalid.Path).Append(')');
        }

        return text.ToString();
    }
}
