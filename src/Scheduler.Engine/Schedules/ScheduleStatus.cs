using System.Text.Json.Serialization;

namespace Scheduler.Engine.Schedules;

/// <summary>Where a schedule is: firing, held by a client, past its last occurrence, or deleted.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScheduleStatus>))]
public enum ScheduleStatus
{
    /// <summary>Fires its occurrences as they come.</summary>
    Active,

    /// <summary>Held by a client: no occurrence fires until it is resumed, and none is made up for afterwards.</summary>
    Paused,

    /// <summary>Past its end, with every task it created finished.</summary>
    Ended,

    /// <summary>Deleted: a tombstone. Tasks already created run on; the id may be used for a new schedule.</summary>
    Deleted,
}
