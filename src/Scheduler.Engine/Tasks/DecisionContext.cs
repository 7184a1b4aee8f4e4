using Scheduler.Engine.Model;

namespace Scheduler.Engine.Tasks;

/// <summary>What a decision may depend on besides the state and the input: the time, a random sample for jitter, the limits.</summary>
internal readonly record struct DecisionContext(DateTimeOffset Now, double JitterSample, TaskLimits Limits);
