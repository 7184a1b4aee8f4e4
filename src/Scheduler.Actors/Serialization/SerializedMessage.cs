namespace Scheduler.Actors.Serialization;

/// <summary>A message as bytes, with the manifest that says how to read them back.</summary>
public sealed record SerializedMessage(string Manifest, ReadOnlyMemory<byte> Payload);
