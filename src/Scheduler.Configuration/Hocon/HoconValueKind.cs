using System.Diagnostics.CodeAnalysis;

namespace Scheduler.Configuration;

/// <summary>The kind of a resolved HOCON value.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The kinds are the value types of the HOCON specification, named as System.Text.Json.JsonValueKind names them.")]
public enum HoconValueKind
{
    /// <summary>An object: named fields in the order they were first defined.</summary>
    Object,

    /// <summary>An array: an ordered list of values.</summary>
    Array,

    /// <summary>A string, quoted or unquoted, or a concatenation of several values.</summary>
    String,

    /// <summary>A number, kept as the text it was written with.</summary>
    Number,

    /// <summary><c>true</c> or <c>false</c>; <c>on</c>, <c>off</c>, <c>yes</c> and <c>no</c> stay strings, as in the specification.</summary>
    Boolean,

    /// <summary>The literal <c>null</c>.</summary>
    Null,
}
