using System.Text;

namespace Scheduler.Actors;

/// <summary>
/// The unique position of an actor in its system's tree: an <see cref="Address"/> and the names from the root down.
/// Paths compare by address and names; the <see cref="Uid"/> tells incarnations at the same path apart and is
/// compared by actor refs, not by paths (as in Akka).
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>, IComparable<ActorPath>
{
    private readonly ActorPath? _parent;
    private string? _text;

    private ActorPath(Address address, ActorPath? parent, string name, long uid)
    {
        Address = address;
        _parent = parent;
        Name = name;
        Uid = uid;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    /// <summary>The address of the system that holds the actor.</summary>
    public Address Address { get; }

    /// <summary>The last element of the path; "/" for the root.</summary>
    public string Name { get; }

    /// <summary>The incarnation number of the actor at this path, or 0 when unknown.</summary>
    public long Uid { get; }

    /// <summary>How many elements separate this path from the root.</summary>
    public int Depth { get; }

    /// <summary>The parent path; the root is its own parent.</summary>
    public ActorPath Parent => _parent ?? this;

    /// <summary>The root path of <see cref="Address"/>.</summary>
    public ActorPath Root => _parent is null ? this : _parent.Root;

    /// <summary>The names from the root down, without the root.</summary>
    public IReadOnlyList<string> Elements
    {
        get
        {
            var names = new string[Depth];
            var path = this;
            for (var i = Depth - 1; i >= 0; i--)
            {
                names[i] = path.Name;
                path = path._parent!;
            }

            return names;
        }
    }

    /// <summary>Creates the root path of an address.</summary>
    public static ActorPath RootOf(Address address) => new(address, null, "/", 0);

    /// <summary>Creates the path of a child with the given name.</summary>
    public static ActorPath operator /(ActorPath parent, string name) => parent.Child(name);

    /// <summary>Creates the path of a child with the given name.</summary>
    public ActorPath Child(string name) => Child(name, 0);

    /// <summary>Creates the path of a child with the given name and incarnation.</summary>
    public ActorPath Child(string name, long uid)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new ActorPath(Address, this, name, uid);
    }

    /// <summary>The same path with another incarnation number.</summary>
    public ActorPath WithUid(long uid) => _parent is null ? this : new ActorPath(Address, _parent, Name, uid);

    /// <summary>The path without its address, such as <c>/user/worker</c>.</summary>
    public string ToStringWithoutAddress()
    {
        if (_parent is null)
        {
            return "/";
        }

        var builder = new StringBuilder();
        AppendElements(builder);
        return builder.ToString();
    }

    /// <summary>The path followed by <c>#uid</c>, which names one incarnation.</summary>
    public string ToSerializationFormat() => Uid == 0 ? ToString() : $"{this}#{Uid}";

    /// <summary>
    /// Parses a full path such as <c>sched://sys/user/a</c> or <c>sched.tcp://sys@host:2552/user/a#42</c>.
    /// </summary>
    public static ActorPath Parse(string text)
    {
        if (!TryParse(text, out var path, out var error))
        {
            throw new FormatException($"'{text}' is not an actor path: {error}");
        }

        return path;
    }

    /// <summary>Tries to parse a full path; see <see cref="Parse"/>.</summary>
    public static bool TryParse(string text, out ActorPath path, out string error)
    {
        path = null!;
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            error = "it has no protocol (expected protocol://system/...)";
            return false;
        }

        var protocol = text[..schemeEnd];
        var rest = text[(schemeEnd + 3)..];
        long uid = 0;
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            if (!long.TryParse(rest.AsSpan(hash + 1), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out uid))
            {
                error = "the part after '#' is not a number";
                return false;
            }

            rest = rest[..hash];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? rest : rest[..slash];
        var elements = slash < 0 ? string.Empty : rest[(slash + 1)..];
        if (!TryParseAuthority(protocol, authority, out var address, out error))
        {
            return false;
        }

        var result = RootOf(address);
        foreach (var name in elements.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            result = result.Child(Uri.UnescapeDataString(name));
        }

        path = uid == 0 ? result : result.WithUid(uid);
        error = string.Empty;
        return true;
    }

    private static bool TryParseAuthority(string protocol, string authority, out Address address, out string error)
    {
        address = null!;
        var at = authority.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            if (authority.Length == 0)
            {
                error = "it names no system";
                return false;
            }

            address = new Address(protocol, authority);
            error = string.Empty;
            return true;
        }

        var system = authority[..at];
        var hostPort = authority[(at + 1)..];
        var colon = hostPort.LastIndexOf(':');
        if (system.Length == 0 || colon <= 0 ||
            !int.TryParse(hostPort.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) ||
            port > 65535)
        {
            error = "expected system@host:port";
            return false;
        }

        address = new Address(protocol, system, hostPort[..colon], port);
        error = string.Empty;
        return true;
    }

    private void AppendElements(StringBuilder builder)
    {
        if (_parent is null)
        {
            return;
        }

        _parent.AppendElements(builder);
        builder.Append('/').Append(Name);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        if (_text is not null)
        {
            return _text;
        }

        var builder = new StringBuilder();
        builder.Append(Address);
        if (_parent is null)
        {
            builder.Append('/');
        }
        else
        {
            AppendElements(builder);
        }

        return _text = builder.ToString();
    }

    /// <inheritdoc />
    public bool Equals(ActorPath? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Depth != Depth)
        {
            return false;
        }

        var a = this;
        var b = other;
        while (a._parent is not null)
        {
            if (!string.Equals(a.Name, b.Name, StringComparison.Ordinal))
            {
                return false;
            }

            a = a._parent;
            b = b._parent!;
        }

        return a.Address.Equals(b.Address);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ActorPath other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = Address.GetHashCode();
        for (var path = this; path._parent is not null; path = path._parent)
        {
            hash = HashCode.Combine(hash, StringComparer.Ordinal.GetHashCode(path.Name));
        }

        return hash;
    }

    /// <inheritdoc />
    public int CompareTo(ActorPath? other) =>
        other is null ? 1 : string.CompareOrdinal(ToString(), other.ToString());

    /// <summary>Equality by address and names.</summary>
    public static bool operator ==(ActorPath? left, ActorPath? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality by address and names.</summary>
    public static bool operator !=(ActorPath? left, ActorPath? right) => !(left == right);

    /// <summary>Ordinal order of the textual form.</summary>
    public static bool operator <(ActorPath left, ActorPath right) => left is null ? right is not null : left.CompareTo(right) < 0;

    /// <summary>Ordinal order of the textual form.</summary>
    public static bool operator >(ActorPath left, ActorPath right) => left is not null && left.CompareTo(right) > 0;

    /// <summary>Ordinal order of the textual form.</summary>
    public static bool operator <=(ActorPath left, ActorPath right) => !(left > right);

    /// <summary>Ordinal order of the textual form.</summary>
    public static bool operator >=(ActorPath left, ActorPath right) => !(left < right);
}
