using System.Data.Common;
using Scheduler.Actors.Serialization;

namespace Scheduler.Persistence.Sql;

/// <summary>A journal row read back and deserialized; what recovery and the queries both build from.</summary>
internal sealed record StoredEvent(long Ordering, string PersistenceId, long SequenceNr, object Payload, string WriterId, IReadOnlyList<string> Tags, DateTimeOffset Timestamp)
{
    /// <summary>The columns <see cref="Read"/> expects, in its order.</summary>
    public const string Columns = "ordering, persistence_id, sequence_nr, manifest, payload, tags, writer_id, created_at";

    /// <summary>How many columns <see cref="Columns"/> names: a query may add its own after them.</summary>
    public const int ColumnCount = 8;

    /// <summary>Reads the current row; a row that cannot be read names its persistence id and sequence number.</summary>
    public static StoredEvent Read(DbDataReader reader, SerializationRegistry serialization)
    {
        var persistenceId = reader.GetString(1);
        var sequenceNr = reader.GetInt64(2);
        try
        {
            var payload = serialization.Deserialize(reader.GetString(3), (byte[])reader.GetValue(4));
            var tags = reader.GetString(5).Split(';', StringSplitOptions.RemoveEmptyEntries);
            return new StoredEvent(reader.GetInt64(0), persistenceId, sequenceNr, payload, reader.GetString(6), tags,
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)));
        }
        catch (Exception exception) when (exception is SerializationException or InvalidCastException or FormatException)
        {
            throw new JournalCorruptedException(persistenceId, sequenceNr, exception);
        }
    }

    public PersistentRepresentation ToRepresentation() => new(PersistenceId, SequenceNr, Payload, WriterId, Tags, Timestamp);

    public EventEnvelope ToEnvelope() => new(Ordering, PersistenceId, SequenceNr, Payload, Timestamp, Tags);
}
