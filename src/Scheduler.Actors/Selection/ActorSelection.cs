namespace Scheduler.Actors;

/// <summary>
/// Actors chosen by a path rather than a ref: <c>/user/workers/*</c>, <c>../sibling</c>. The path is looked up at
/// each send, so it reaches whoever lives there now. Elements may hold <c>*</c> (any run of characters) and
/// <c>?</c> (one character). A send that matches nobody becomes a dead letter; an <see cref="Identify"/> that
/// matches nobody is answered with an empty <see cref="ActorIdentity"/>.
/// </summary>
public sealed class ActorSelection
{
    private readonly InternalActorRef _anchor;
    private readonly string[] _elements;

    internal ActorSelection(InternalActorRef anchor, string path, IReadOnlyList<string> elements)
    {
        _anchor = anchor;
        PathString = path;
        _elements = [.. elements];
    }

    /// <summary>The path as given.</summary>
    public string PathString { get; }

    /// <summary>Sends to every matching actor.</summary>
    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_anchor.IsRemote)
        {
            // The other system walks the path itself: its tree is not visible from here.
            _anchor.SendSelection(_elements, message, sender);
            return;
        }

        var matches = Resolve();
        if (matches.Count == 0)
        {
            var system = _anchor.System;
            if (message is Identify identify)
            {
                sender?.Tell(new ActorIdentity(identify.MessageId, null), null);
            }
            else
            {
                system.DeadLetters.Tell(new DeadLetter(message, sender ?? system.DeadLetters, system.DeadLetters) { Reason = $"no actor matches {PathString}" }, sender);
            }

            return;
        }

        foreach (var target in matches)
        {
            target.Tell(message, sender);
        }
    }

    /// <summary>Finds one matching actor, or fails with <see cref="ActorNotFoundException"/>.</summary>
    public async Task<IActorRef> ResolveOne(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var system = _anchor.System;
        var identity = await AskExtensions.AskCore(system, new SelectionRef(this, system), new Identify(null), timeout, cancellationToken).ConfigureAwait(false);
        return identity is ActorIdentity { Subject: { } subject }
            ? subject
            : throw new ActorNotFoundException($"No actor matches {PathString}.");
    }

    /// <summary>The actors the path matches now.</summary>
    internal List<InternalActorRef> Resolve()
    {
        var current = new List<InternalActorRef> { _anchor };
        foreach (var element in _elements)
        {
            var next = new List<InternalActorRef>();
            foreach (var node in current)
            {
                if (string.Equals(element, "..", StringComparison.Ordinal))
                {
                    if (node.Parent is { } parent)
                    {
                        next.Add(parent);
                    }
                }
                else if (Wildcard.HasWildcard(element))
                {
                    next.AddRange(node.GetChildren().Where(child => Wildcard.Matches(element, child.Path.Name)));
                }
                else if (node.GetChild(element) is { } child)
                {
                    next.Add(child);
                }
            }

            current = next;
        }

        return current;
    }

    /// <inheritdoc />
    public override string ToString() => $"ActorSelection[{_anchor.Path} / {PathString}]";

    /// <summary>Lets Ask address a selection as if it were one ref.</summary>
    private sealed class SelectionRef(ActorSelection selection, ActorSystem system) : InternalActorRef
    {
        public override ActorPath Path { get; } = selection._anchor.Path;

        public override ActorSystem System { get; } = system;

        public override InternalActorRef? Parent => null;

        public override void Tell(object message, IActorRef? sender) => selection.Tell(message, sender);

        public override void SendSystemMessage(SystemMessage message) { }
    }
}
