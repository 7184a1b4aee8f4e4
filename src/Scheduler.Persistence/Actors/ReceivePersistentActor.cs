namespace Scheduler.Persistence;

/// <summary>
/// A persistent actor that declares typed handlers in its constructor: <c>Recover&lt;T&gt;</c> for recovery and
/// <c>Command&lt;T&gt;</c> for commands, tried in the order declared.
/// </summary>
public abstract class ReceivePersistentActor : PersistentActor
{
    private readonly List<Func<object, bool>> _recover = [];
    private readonly List<Func<object, bool>> _commands = [];

    /// <summary>Applies recovered messages of type <typeparamref name="T"/> (events, <see cref="SnapshotOffer"/>, <see cref="RecoveryCompleted"/>).</summary>
    protected void Recover<T>(Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _recover.Add(message =>
        {
            if (message is not T typed)
            {
                return false;
            }

            handler(typed);
            return true;
        });
    }

    /// <summary>Handles commands of type <typeparamref name="T"/> that pass <paramref name="shouldHandle"/>.</summary>
    protected void Command<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _commands.Add(message =>
        {
            if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed)))
            {
                return false;
            }

            handler(typed);
            return true;
        });
    }

    /// <summary>Handles every command no earlier handler took.</summary>
    protected void CommandAny(Action<object> handler) => Command(handler);

    /// <inheritdoc />
    protected sealed override bool ReceiveRecover(object message) => _recover.Exists(handler => handler(message));

    /// <inheritdoc />
    protected sealed override bool ReceiveCommand(object message) => _commands.Exists(handler => handler(message));
}
