namespace Scheduler.Actors;

/// <summary>The actor behind <c>/</c>, <c>/user</c> and <c>/system</c>: it only supervises.</summary>
internal sealed class GuardianActor(SupervisorStrategy strategy) : ActorBase
{
    protected internal override SupervisorStrategy SupervisorStrategy() => strategy;

    protected internal override bool Receive(object message) => false;

    protected override void PreRestart(Exception reason, object? message)
    {
        // A guardian that restarts keeps its children: they are the system.
    }
}
