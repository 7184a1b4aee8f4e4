namespace Scheduler.Actors;

internal sealed partial class ActorCell
{
    // Null until the first Become: the actor's own Receive is the behaviour, with no delegate to allocate.
    private List<Receive>? _behaviors;

    public void Become(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        _behaviors ??= [];
        if (_behaviors.Count > 0)
        {
            _behaviors[^1] = receive;
        }
        else
        {
            _behaviors.Add(receive);
        }
    }

    public void BecomeStacked(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        (_behaviors ??= []).Add(receive);
    }

    public void UnbecomeStacked()
    {
        if (_behaviors is { Count: > 0 })
        {
            _behaviors.RemoveAt(_behaviors.Count - 1);
        }
    }
}
