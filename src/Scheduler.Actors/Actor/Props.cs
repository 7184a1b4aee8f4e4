namespace Scheduler.Actors;

/// <summary>
/// The recipe for an actor: how to construct it, which dispatcher and mailbox it uses, and optionally the strategy
/// it applies to its own children. Immutable; the <c>With*</c> methods return a copy.
/// </summary>
public sealed record Props
{
    /// <summary>The dispatcher used when none is named.</summary>
    public const string DefaultDispatcher = "default-dispatcher";

    /// <summary>The mailbox used when none is named.</summary>
    public const string DefaultMailbox = "unbounded";

    private Props(Type actorType, Func<ActorBase> factory)
    {
        ActorType = actorType;
        Factory = factory;
    }

    /// <summary>The type of actor the factory builds.</summary>
    public Type ActorType { get; }

    internal Func<ActorBase> Factory { get; }

    /// <summary>The dispatcher id (see <c>scheduler.actor.dispatchers</c> in configuration).</summary>
    public string Dispatcher { get; private init; } = DefaultDispatcher;

    /// <summary>The mailbox id (see <c>scheduler.actor.mailboxes</c> in configuration).</summary>
    public string Mailbox { get; private init; } = DefaultMailbox;

    /// <summary>The strategy for this actor's children, replacing the actor's own <c>SupervisorStrategy()</c>.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; private init; }

    /// <summary>Props for an actor with a parameterless constructor.</summary>
    public static Props Create<TActor>() where TActor : ActorBase, new() => new(typeof(TActor), static () => new TActor());

    /// <summary>Props for an actor built by <paramref name="factory"/>; it runs again on every restart.</summary>
    public static Props Create<TActor>(Func<TActor> factory) where TActor : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(typeof(TActor), factory);
    }

    /// <summary>A copy that runs on the named dispatcher.</summary>
    public Props WithDispatcher(string dispatcherId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dispatcherId);
        return this with { Dispatcher = dispatcherId };
    }

    /// <summary>A copy that uses the named mailbox.</summary>
    public Props WithMailbox(string mailboxId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailboxId);
        return this with { Mailbox = mailboxId };
    }

    /// <summary>A copy whose actor supervises its children with <paramref name="strategy"/>.</summary>
    public Props WithSupervisorStrategy(SupervisorStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return this with { SupervisorStrategy = strategy };
    }
}
