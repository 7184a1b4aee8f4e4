using System.Globalization;
using System.Text.Json;

namespace Scheduler.Engine.Model;

/// <summary>
/// The children an attempt asked to fan out, made ready to submit: each gets the id <c>parent:key</c> (its own id as
/// the key, or its index) and the parent's id, so a repeated fan-out reaches the same children. Pure.
/// </summary>
public sealed record FanOutPlan(IReadOnlyList<TaskSpec> Children, IReadOnlyList<ValidationError> Errors)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The id of the child with <paramref name="key"/> under <paramref name="parentId"/>.</summary>
    public static string ChildId(string parentId, string key) => parentId + ":" + key;

    /// <summary>The errors in one message: the first few, and how many more there are.</summary>
    public string Message
    {
        get
        {
            const int Shown = 5;
            return string.Join("; ", Errors.Take(Shown))
                + (Errors.Count > Shown ? string.Create(CultureInfo.InvariantCulture, $"; and {Errors.Count - Shown} more") : "");
        }
    }

    /// <summary>Checks and completes <paramref name="children"/>; any error rejects the whole fan-out.</summary>
    public static FanOutPlan Of(string parentId, IReadOnlyList<TaskSpec> children, TaskLimits limits, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(parentId);
        ArgumentNullException.ThrowIfNull(children);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new List<ValidationError>();
        if (children.Count > limits.MaxChildren)
        {
            errors.Add(new("children", string.Create(CultureInfo.InvariantCulture, $"holds {children.Count} tasks, more than the limit of {limits.MaxChildren}")));
            return new([], errors);
        }

        var planned = new List<TaskSpec>(children.Count);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        long bytes = 0;
        for (var index = 0; index < children.Count; index++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"children[{index}]");
            if (children[index] is not { } child)
            {
                errors.Add(new(field, "must not be null"));
                continue;
            }

            var spec = child with { Id = ChildId(parentId, child.Id ?? index.ToString(CultureInfo.InvariantCulture)), ParentId = parentId };
            CheckOwnFields(child, parentId, field, errors);
            errors.AddRange(TaskSpecValidator.Validate(spec, limits, now).Select(error => error with { Field = field + "." + error.Field }));
            if (!ids.Add(spec.Id!))
            {
                errors.Add(new(field + ".id", $"gives the child id '{spec.Id}' a second time"));
            }

            bytes += JsonSerializer.SerializeToUtf8Bytes(spec, Json).Length;
            planned.Add(spec);
        }

        if (bytes > limits.MaxFanOutBytes)
        {
            errors.Add(new("children", string.Create(CultureInfo.InvariantCulture, $"take {bytes} bytes of JSON together, more than the limit of {limits.MaxFanOutBytes}")));
        }

        return errors.Count > 0 ? new([], errors) : new(planned, []);
    }

    // The fields the engine sets on a child itself, which the fan-out must leave alone or agree with.
    private static void CheckOwnFields(TaskSpec child, string parentId, string field, List<ValidationError> errors)
    {
        if (child.ParentId is not null && !string.Equals(child.ParentId, parentId, StringComparison.Ordinal))
        {
            errors.Add(new(field + ".parentId", $"is '{child.ParentId}', but the children of '{parentId}' belong to it; leave it out"));
        }

        if (child.Occurrence is not null)
        {
            errors.Add(new(field + ".occurrence", "is set by schedules only"));
        }

        if (child.IdempotencyKey is not null)
        {
            errors.Add(new(field + ".idempotencyKey", "does not apply: a child is identified by its key under the parent"));
        }
    }
}
