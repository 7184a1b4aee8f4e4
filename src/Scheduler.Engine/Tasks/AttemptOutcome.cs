using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scheduler.Engine.Tasks;

/// <summary>How an attempt ended, as its worker reports it.</summary>
/// <remarks>A closed set: the JSON discriminator names one of these five, never a type.</remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "outcome")]
[JsonDerivedType(typeof(Succeeded), "succeeded")]
[JsonDerivedType(typeof(Failed), "failed")]
[JsonDerivedType(typeof(TimedOut), "timed-out")]
[JsonDerivedType(typeof(Cancelled), "cancelled")]
[JsonDerivedType(typeof(FannedOut), "fanned-out")]
public abstract record AttemptOutcome
{
    /// <summary>The executor returned normally, with an optional JSON result.</summary>
    public sealed record Succeeded(JsonElement? Result) : AttemptOutcome;

    /// <summary>The executor failed.</summary>
    public sealed record Failed(TaskError Error) : AttemptOutcome;

    /// <summary>
    /// The executor returned after asking for <paramref name="Children"/> (see <c>TaskContext.FanOut</c>): the task
    /// waits for them, then succeeds with their results, or runs once more to reduce them when <paramref name="Reduce"/>.
    /// </summary>
    public sealed record FannedOut(IReadOnlyList<Model.TaskSpec> Children, bool Reduce) : AttemptOutcome;

    /// <summary>The worker stopped the attempt at its start-to-close or heartbeat timeout (<paramref name="Which"/>).</summary>
    public sealed record TimedOut(string Which) : AttemptOutcome;

    /// <summary>The attempt stopped on cancellation (asked by the task, or the worker's node shutting down).</summary>
    public sealed record Cancelled : AttemptOutcome
    {
        /// <summary>The one instance.</summary>
        public static Cancelled Instance { get; } = new();

        [JsonConstructor]
        private Cancelled() { }
    }
}
