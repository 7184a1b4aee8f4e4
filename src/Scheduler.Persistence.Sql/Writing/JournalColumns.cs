namespace Scheduler.Persistence.Sql;

/// <summary>Journal rows turned into one array per column, for a statement that takes a whole batch as arrays.</summary>
internal sealed class JournalColumns
{
    public JournalColumns(IReadOnlyList<JournalRow> rows)
    {
        var count = rows.Count;
        PersistenceIds = new string[count];
        SequenceNrs = new long[count];
        Manifests = new string[count];
        Payloads = new byte[count][];
        Tags = new string[count];
        WriterIds = new string[count];
        CreatedAts = new long[count];
        for (var i = 0; i < count; i++)
        {
            var row = rows[i];
            PersistenceIds[i] = row.PersistenceId;
            SequenceNrs[i] = row.SequenceNr;
            Manifests[i] = row.Manifest;
            Payloads[i] = row.Payload;
            Tags[i] = row.Tags;
            WriterIds[i] = row.WriterId;
            CreatedAts[i] = row.CreatedAt;
        }
    }

    public string[] PersistenceIds { get; }

    public long[] SequenceNrs { get; }

    public string[] Manifests { get; }

    public byte[][] Payloads { get; }

    public string[] Tags { get; }

    public string[] WriterIds { get; }

    public long[] CreatedAts { get; }
}
