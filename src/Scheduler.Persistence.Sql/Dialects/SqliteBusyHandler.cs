using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Scheduler.Persistence.Sql;

/// <summary>
/// What a SQLite connection does when another connection holds the write lock: wait a few milliseconds and try again,
/// up to a budget, then give up with SQLITE_BUSY (which Microsoft.Data.Sqlite tries again, every 150 ms, until the
/// command's timeout).
/// <para>
/// SQLite's own handler (<c>PRAGMA busy_timeout</c>) sleeps in whole seconds when the library is built without
/// <c>usleep</c>, as the bundled e_sqlite3 is on Linux: a writer that found the lock taken for 30 ms waited a full second. The
/// journal's writer and the projections share one file, so their transactions meet often; with whole-second sleeps the
/// SQLite engine's 99th percentile start latency was seconds. SQLitePCLRaw 2.0.6 does not expose
/// <c>sqlite3_busy_handler</c>, so it is called in the native library directly.
/// </para>
/// </summary>
internal static class SqliteBusyHandler
{
    /// <summary>How long a connection waits for the write lock before its statement fails with SQLITE_BUSY.</summary>
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromSeconds(5);

    private const int MaxDelayMilliseconds = 10;

    // Kept in a static field: the native library holds on to the callback for as long as the process runs.
    private static readonly BusyCallback Callback = OnBusy;

    private static long s_waits;

    // SQLite calls its handlers with the C calling convention (a delegate's default differs on 32-bit Windows).
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int BusyCallback(IntPtr budgetMilliseconds, int count);

    /// <summary>Waits so far in this process, over all connections (a diagnostic; tests probe it).</summary>
    public static long Waits => Interlocked.Read(ref s_waits);

    /// <summary>Installs the handler on an open connection (it replaces any busy timeout).</summary>
    public static void Install(SqliteConnection connection, TimeSpan budget)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var handle = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        var code = NativeMethods.sqlite3_busy_handler(handle.DangerousGetHandle(), Callback, checked((IntPtr)(long)budget.TotalMilliseconds));
        if (code != 0)
        {
            throw new InvalidOperationException($"SQLite refused the busy handler (error {code}).");
        }
    }

    /// <summary>Milliseconds to wait before the try after <paramref name="count"/> failed ones: 1, 2, ... up to 10.</summary>
    public static int Delay(int count) => Math.Min(count + 1, MaxDelayMilliseconds);

    /// <summary>Milliseconds waited in all after <paramref name="count"/> failed tries.</summary>
    public static long Waited(int count)
    {
        var ramp = Math.Min(count, MaxDelayMilliseconds);
        return ((long)ramp * (ramp + 1) / 2) + ((long)Math.Max(0, count - MaxDelayMilliseconds) * MaxDelayMilliseconds);
    }

    /// <summary>True while another wait fits in <paramref name="budgetMilliseconds"/> after <paramref name="count"/> failed tries.</summary>
    public static bool WaitsAgain(long budgetMilliseconds, int count) => Waited(count) + Delay(count) <= budgetMilliseconds;

    // Called by SQLite on the thread that runs the statement, which SQLite has blocked until this returns: waiting
    // here is the handler's contract (returning at once would spin the thread against the lock holder).
    private static int OnBusy(IntPtr budgetMilliseconds, int count)
    {
        if (!WaitsAgain((long)budgetMilliseconds, count))
        {
            return 0;
        }

        Interlocked.Increment(ref s_waits);
#pragma warning disable RS0030 // see above: SQLite asks this thread to wait
        Thread.Sleep(Delay(count));
#pragma warning restore RS0030
        return 1;
    }

    private static class NativeMethods
    {
        [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int sqlite3_busy_handler(IntPtr db, BusyCallback callback, IntPtr state);
    }
}
