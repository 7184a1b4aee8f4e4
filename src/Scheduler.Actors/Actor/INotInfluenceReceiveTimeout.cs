namespace Scheduler.Actors;

/// <summary>
/// Marks messages that must not reset an actor's receive timeout (timer ticks, for example).
/// </summary>
public interface INotInfluenceReceiveTimeout;
