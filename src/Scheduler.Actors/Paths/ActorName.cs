namespace Scheduler.Actors;

/// <summary>
/// Rules for the names users give actors. Names become path elements, so they keep to characters that need no
/// escaping in a URI, and the leading <c>$</c> is reserved for names the system generates.
/// </summary>
internal static class ActorName
{
    private const string AllowedPunctuation = "-_.*+:@&=,!~';";

    public static void Validate(string name)
    {
        var problem = Check(name);
        if (problem is not null)
        {
            throw new InvalidActorNameException($"Actor name '{name}' is invalid: {problem}.");
        }
    }

    public static string? Check(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "a name must not be empty";
        }

        if (name[0] == '$')
        {
            return "names starting with '$' are reserved for the system";
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !AllowedPunctuation.Contains(c, StringComparison.Ordinal) && c != '$')
            {
                return $"the character '{c}' is not allowed (use ASCII letters, digits and {AllowedPunctuation})";
            }
        }

        return null;
    }

    /// <summary>A short, unique name for an unnamed actor: '$' followed by a base-36 counter.</summary>
    public static string Generate(long counter)
    {
        Span<char> buffer = stackalloc char[14];
        var position = buffer.Length;
        var value = (ulong)counter;
        do
        {
            var digit = (int)(value % 36);
            buffer[--position] = (char)(digit < 10 ? '0' + digit : 'a' + digit - 10);
            value /= 36;
        }
        while (value != 0);

        buffer[--position] = '$';
        return new string(buffer[position..]);
    }
}
