using System.Runtime.InteropServices;

namespace Scheduler.Persistence.Sql;

/// <summary>
/// Gives SQLite's default file system a sleep that keeps to the requested time. The bundled e_sqlite3 is built
/// without <c>usleep</c> on Linux, so its sleep rounds every request up to whole seconds. The busy handler
/// (<see cref="SqliteBusyHandler"/>) avoids that sleep for the write lock, but SQLite also sleeps on its own: a
/// connection that cannot take a consistent read of the WAL index after a few tries (another connection is
/// committing or checkpointing) pauses for a few microseconds, which became a full second. In the tasks benchmark
/// that was a journal write whose BEGIN took 1,000 ms, a start-latency p99 of about a second (docs/benchmarks.md,
/// round eight). The sleep is the <c>xSleep</c> slot of the default <c>sqlite3_vfs</c>, a documented and stable
/// structure; replacing the pointer affects every SQLite connection in the process, each for the better.
/// </summary>
internal static class SqliteSleep
{
    // Kept in a static field: the native library calls it for as long as the process runs.
    private static readonly SleepCallback Callback = Sleep;
    private static readonly Lazy<bool> Installed = new(Install);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int SleepCallback(IntPtr vfs, int microseconds);

    /// <summary>Installs the sleep once per process (SQLite's provider must be initialized first).</summary>
    public static void EnsureInstalled() => _ = Installed.Value;

    /// <summary>The milliseconds a sleep of <paramref name="microseconds"/> takes: rounded up, and at least one.</summary>
    public static int Milliseconds(int microseconds) => Math.Max(1, (int)((Math.Max(0L, microseconds) + 999) / 1000));

    /// <summary>Sleeps through SQLite's default file system, as SQLite itself does, and returns what it reports.</summary>
    public static int SleepThroughSqlite(int milliseconds) => NativeMethods.sqlite3_sleep(milliseconds);

    private static bool Install()
    {
        var vfs = NativeMethods.sqlite3_vfs_find(IntPtr.Zero);
        if (vfs == IntPtr.Zero)
        {
            throw new InvalidOperationException("SQLite has no default file system (sqlite3_vfs_find returned none).");
        }

        Marshal.WriteIntPtr(vfs, (int)Marshal.OffsetOf<VfsLayout>(nameof(VfsLayout.XSleep)), Marshal.GetFunctionPointerForDelegate(Callback));
        return true;
    }

    // Called by SQLite on the thread it has blocked until this returns: waiting here is the contract.
    private static int Sleep(IntPtr vfs, int microseconds)
    {
        var milliseconds = Milliseconds(microseconds);
#pragma warning disable RS0030 // see above: SQLite asks this thread to wait
        Thread.Sleep(milliseconds);
#pragma warning restore RS0030
        return milliseconds * 1000;
    }

    /// <summary>The start of <c>struct sqlite3_vfs</c> (sqlite3.h) up to <c>xSleep</c>, for its offset.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct VfsLayout
    {
        public int IVersion;
        public int SzOsFile;
        public int MxPathname;
        public IntPtr PNext;
        public IntPtr ZName;
        public IntPtr PAppData;
        public IntPtr XOpen;
        public IntPtr XDelete;
        public IntPtr XAccess;
        public IntPtr XFullPathname;
        public IntPtr XDlOpen;
        public IntPtr XDlError;
        public IntPtr XDlSym;
        public IntPtr XDlClose;
        public IntPtr XRandomness;
        public IntPtr XSleep;
    }

    private static class NativeMethods
    {
        [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern IntPtr sqlite3_vfs_find(IntPtr name);

        [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int sqlite3_sleep(int milliseconds);
    }
}
