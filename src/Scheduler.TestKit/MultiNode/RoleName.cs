namespace Scheduler.TestKit.MultiNode;

/// <summary>A role of a multi-node spec: one OS process with one actor system.</summary>
public sealed record RoleName
{
    /// <summary>Names a role; letters, digits, '-' and '_' only, as it also names the role's log file.</summary>
    public RoleName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"The role name '{name}' may hold only letters, digits, '-' and '_'.", nameof(name));
        }

        Name = name;
    }

    /// <summary>The role's name.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
