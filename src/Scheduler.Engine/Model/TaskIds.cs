using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Scheduler.Engine.Model;

/// <summary>
/// The rules for task ids and the ids the scheduler makes itself. Ids become persistence ids, shard keys and URL
/// segments, so they keep to a small alphabet: letters, digits and <c>. _ - : @</c>.
/// </summary>
public static class TaskIds
{
    /// <summary>True when <paramref name="name"/> is 1 to <paramref name="maxLength"/> characters of the id alphabet.</summary>
    public static bool IsValidName(string? name, int maxLength)
    {
        if (string.IsNullOrEmpty(name) || name.Length > maxLength)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!IsNameChar(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The id of a task submitted with an idempotency key and no id: a hash of the key, so every repeat of the submit
    /// reaches the same entity, which answers with the task it already has.
    /// </summary>
    public static string FromIdempotencyKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return "key-" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>The id of the task a schedule creates for one occurrence: the same occurrence always gives the same id.</summary>
    public static string ForOccurrence(string scheduleId, DateTimeOffset occurrence)
    {
        ArgumentNullException.ThrowIfNull(scheduleId);
        return scheduleId + "@" + occurrence.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>A fresh random id, for a task submitted with neither id nor idempotency key.</summary>
    public static string Generate() => Guid.NewGuid().ToString("N");

    private static bool IsNameChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_' or '-' or ':' or '@';
}
