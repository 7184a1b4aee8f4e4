namespace Scheduler.Persistence.Sql;

/// <summary>One journal row ready to insert.</summary>
internal sealed record JournalRow(string PersistenceId, long SequenceNr, string Manifest, byte[] Payload, string Tags, string WriterId, long CreatedAt);
