namespace Scheduler.Actors;

/// <summary>Messages put aside by an actor until it is ready for them.</summary>
public interface IStash
{
    /// <summary>How many messages are stashed.</summary>
    int Count { get; }

    /// <summary>Stashes the message being handled.</summary>
    void Stash();

    /// <summary>Puts the oldest stashed message back in front of the mailbox.</summary>
    void Unstash();

    /// <summary>Puts every stashed message back in front of the mailbox, oldest first.</summary>
    void UnstashAll();

    /// <summary>Puts the stashed messages that match back in front of the mailbox, oldest first; keeps the rest.</summary>
    void UnstashAll(Func<object, bool> predicate);

    /// <summary>Empties the stash and returns what it held, oldest first.</summary>
    IReadOnlyList<object> ClearStash();
}
