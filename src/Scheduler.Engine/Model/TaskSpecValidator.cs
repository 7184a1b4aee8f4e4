using System.Globalization;
using System.Text.Json;

namespace Scheduler.Engine.Model;

/// <summary>
/// Checks a <see cref="TaskSpec"/> before anything is stored. It returns every problem at once, each naming its
/// field, so a client can fix a request in one round. Pure: the submit time is an argument.
/// </summary>
public static class TaskSpecValidator
{
    private const int MaxLabelKeyLength = 63;
    private const int MaxAttemptsLimit = 1000;

    /// <summary>The problems of <paramref name="spec"/>; empty when it may be accepted.</summary>
    public static IReadOnlyList<ValidationError> Validate(TaskSpec spec, TaskLimits limits, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new List<ValidationError>();
        var max = limits.MaxNameLength;

        if (spec.Id is not null && !TaskIds.IsValidName(spec.Id, max))
        {
            errors.Add(new("id", NameRule(max)));
        }

        if (string.IsNullOrEmpty(spec.Type))
        {
            errors.Add(new("type", "is required"));
        }
        else if (!TaskIds.IsValidName(spec.Type, max))
        {
            errors.Add(new("type", NameRule(max)));
        }

        CheckPayload(spec.Payload, limits, errors);
        CheckWhen(spec, limits, now, errors);

        if (spec.Priority is < TaskLimits.MinPriority or > TaskLimits.MaxPriority)
        {
            errors.Add(new("priority", string.Create(CultureInfo.InvariantCulture,
                $"must be between {TaskLimits.MinPriority} and {TaskLimits.MaxPriority}, was {spec.Priority}")));
        }

        CheckRetry(spec.Retry, errors);
        CheckPositive("startToCloseTimeout", spec.StartToCloseTimeout, errors);
        CheckPositive("heartbeatTimeout", spec.HeartbeatTimeout, errors);
        CheckPlacement(spec.Placement, max, errors);

        if (spec.IdempotencyKey is { } key && (key.Length == 0 || key.Length > max))
        {
            errors.Add(new("idempotencyKey", string.Create(CultureInfo.InvariantCulture, $"must be 1 to {max} characters")));
        }

        CheckLabels(spec.Labels, limits, errors);

        if (spec.ParentId is not null && !TaskIds.IsValidName(spec.ParentId, max))
        {
            errors.Add(new("parentId", NameRule(max)));
        }

        if (spec.Occurrence is { } occurrence && !TaskIds.IsValidName(occurrence.ScheduleId, max))
        {
            errors.Add(new("occurrence.scheduleId", NameRule(max)));
        }

        return errors;
    }

    private static void CheckPayload(JsonElement? payload, TaskLimits limits, List<ValidationError> errors)
    {
        if (payload is not { } json || json.ValueKind is JsonValueKind.Null)
        {
            return;
        }

        if (json.ValueKind is JsonValueKind.Undefined)
        {
            errors.Add(new("payload", "is not a JSON value"));
            return;
        }

        var bytes = JsonSize.Of(json);
        if (bytes > limits.MaxPayloadBytes)
        {
            errors.Add(new("payload", string.Create(CultureInfo.InvariantCulture,
                $"is {bytes} bytes, more than the limit of {limits.MaxPayloadBytes}")));
        }
    }

    private static void CheckWhen(TaskSpec spec, TaskLimits limits, DateTimeOffset now, List<ValidationError> errors)
    {
        if (spec.RunAt is not null && spec.Delay is not null)
        {
            errors.Add(new("runAt", "must not be given together with delay"));
            return;
        }

        if (spec.Delay is { } delay)
        {
            if (delay < TimeSpan.Zero)
            {
                errors.Add(new("delay", "must not be negative"));
            }
            else if (delay > limits.MaxScheduleAhead)
            {
                errors.Add(new("delay", "is further ahead than " + limits.MaxScheduleAhead.ToString("c", CultureInfo.InvariantCulture)));
            }
        }

        if (spec.RunAt is { } at && at - now > limits.MaxScheduleAhead)
        {
            errors.Add(new("runAt", "is further ahead than " + limits.MaxScheduleAhead.ToString("c", CultureInfo.InvariantCulture)));
        }
    }

    private static void CheckRetry(RetryPolicy? retry, List<ValidationError> errors)
    {
        if (retry is null)
        {
            errors.Add(new("retry", "must not be null"));
            return;
        }

        if (retry.MaxAttempts is < 1 or > MaxAttemptsLimit)
        {
            errors.Add(new("retry.maxAttempts", string.Create(CultureInfo.InvariantCulture,
                $"must be between 1 and {MaxAttemptsLimit}, was {retry.MaxAttempts}")));
        }

        if (retry.InitialBackoff <= TimeSpan.Zero)
        {
            errors.Add(new("retry.initialBackoff", "must be positive"));
        }

        if (!double.IsFinite(retry.Multiplier) || retry.Multiplier < 1)
        {
            errors.Add(new("retry.multiplier", "must be a number of at least 1"));
        }

        if (retry.MaxBackoff < retry.InitialBackoff)
        {
            errors.Add(new("retry.maxBackoff", "must not be shorter than initialBackoff"));
        }

        if (!double.IsFinite(retry.Jitter) || retry.Jitter is < 0 or > 1)
        {
            errors.Add(new("retry.jitter", "must be between 0 and 1"));
        }

        if (retry.NonRetryableErrors is null || retry.NonRetryableErrors.Any(string.IsNullOrEmpty))
        {
            errors.Add(new("retry.nonRetryableErrors", "must be a list of non-empty error kinds"));
        }
    }

    private static void CheckPositive(string field, TimeSpan? value, List<ValidationError> errors)
    {
        if (value is { } span && span <= TimeSpan.Zero)
        {
            errors.Add(new(field, "must be positive"));
        }
    }

    private static void CheckPlacement(PlacementSpec? placement, int max, List<ValidationError> errors)
    {
        if (placement is null)
        {
            errors.Add(new("placement", "must not be null"));
            return;
        }

        if (!Enum.IsDefined(placement.Strategy))
        {
            errors.Add(new("placement.strategy", "is not a known strategy"));
        }

        if (placement.RequiredTags is null || placement.RequiredTags.Any(tag => !TaskIds.IsValidName(tag, max)))
        {
            errors.Add(new("placement.requiredTags", "must be a list of tags, each " + NameRule(max)));
        }

        if (placement.Role is not null && !TaskIds.IsValidName(placement.Role, max))
        {
            errors.Add(new("placement.role", NameRule(max)));
        }

        if (placement.Resources is not { } resources)
        {
            errors.Add(new("placement.resources", "must not be null"));
        }
        else
        {
            if (resources.Slots < 1)
            {
                errors.Add(new("placement.resources.slots", "must be at least 1"));
            }

            if (resources.CpuMillis < 0)
            {
                errors.Add(new("placement.resources.cpuMillis", "must not be negative"));
            }

            if (resources.MemoryMiB < 0)
            {
                errors.Add(new("placement.resources.memoryMiB", "must not be negative"));
            }
        }

        if (placement.AffinityKey is { } key && (key.Length == 0 || key.Length > max))
        {
            errors.Add(new("placement.affinityKey", string.Create(CultureInfo.InvariantCulture, $"must be 1 to {max} characters")));
        }
        else if (placement.Strategy is PlacementStrategy.ConsistentHash && placement.AffinityKey is null)
        {
            errors.Add(new("placement.affinityKey", "is required by the consistentHash strategy"));
        }
    }

    private static void CheckLabels(IReadOnlyDictionary<string, string>? labels, TaskLimits limits, List<ValidationError> errors)
    {
        if (labels is null)
        {
            errors.Add(new("labels", "must not be null"));
            return;
        }

        if (labels.Count > limits.MaxLabels)
        {
            errors.Add(new("labels", string.Create(CultureInfo.InvariantCulture,
                $"holds {labels.Count} labels, more than the limit of {limits.MaxLabels}")));
        }

        foreach (var (key, value) in labels)
        {
            if (!TaskIds.IsValidName(key, MaxLabelKeyLength))
            {
                errors.Add(new("labels", "key '" + key + "' " + NameRule(MaxLabelKeyLength)));
            }
            else if (value is null || value.Length > limits.MaxLabelValueLength)
            {
                errors.Add(new("labels." + key, string.Create(CultureInfo.InvariantCulture,
                    $"must be a string of at most {limits.MaxLabelValueLength} characters")));
            }
        }
    }

    private static string NameRule(int max) => string.Create(CultureInfo.InvariantCulture,
        $"must be 1 to {max} characters of letters, digits and . _ - : @");
}
