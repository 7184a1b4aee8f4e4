using System.Text.Json;

namespace Scheduler.Engine.Schedules;

/// <summary>Comparing schedule specs by content (the records hold a dictionary and JSON, which compare by reference).</summary>
internal static class ScheduleSpecs
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> say the same, label order aside.</summary>
    public static bool Same(ScheduleSpec a, ScheduleSpec b) =>
        string.Equals(Canonical(a), Canonical(b), StringComparison.Ordinal);

    private static string Canonical(ScheduleSpec spec) => JsonSerializer.Serialize(
        spec with { Task = spec.Task with { Labels = new SortedDictionary<string, string>(spec.Task.Labels.ToDictionary(StringComparer.Ordinal), StringComparer.Ordinal) } },
        Options);
}
