namespace Scheduler.Configuration;

/// <summary>
/// The field a value is being resolved for, and the values that field had before this one. A substitution of the
/// field itself, or of a path inside it, reads the earlier values (<c>path = ${path} [x]</c>), not the value being
/// computed (HOCON spec, "Self-Referential Substitutions").
/// </summary>
internal sealed record SelfReference(HoconPath Path, IReadOnlyList<HoconNode> Prior);
