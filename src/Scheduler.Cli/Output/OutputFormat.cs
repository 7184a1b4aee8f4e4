namespace Scheduler.Cli.Output;

/// <summary>How results are printed: tables for people, JSON (the API's own) for scripts.</summary>
internal enum OutputFormat
{
    /// <summary>Tables and short lines.</summary>
    Table,

    /// <summary>The API's JSON: one document per result, one compact line per item of a stream.</summary>
    Json,
}
