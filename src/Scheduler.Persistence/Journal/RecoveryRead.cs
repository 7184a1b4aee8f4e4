namespace Scheduler.Persistence;

/// <summary>What a recovery reads first: a page of the entity's events and the highest sequence number ever stored for it.</summary>
/// <param name="Events">The first page of undeleted events, as <see cref="IJournal.ReadEventsAsync"/> reads it.</param>
/// <param name="HighestSequenceNr">As <see cref="IJournal.ReadHighestSequenceNrAsync"/> reads it.</param>
public sealed record RecoveryRead(IReadOnlyList<PersistentRepresentation> Events, long HighestSequenceNr);
