using System.Runtime.InteropServices;

namespace Scheduler.Engine.Execution.BuiltIn.Shell;

/// <summary>Signals a whole process group, which <see cref="System.Diagnostics.Process"/> cannot do.</summary>
internal static class ProcessSignals
{
    /// <summary>SIGTERM: asks the processes to end.</summary>
    public const int Terminate = 15;

    /// <summary>SIGKILL: ends them.</summary>
    public const int Kill = 9;

    /// <summary>Sends <paramref name="signal"/> to every process of group <paramref name="group"/>; false when none is left.</summary>
    public static bool SignalGroup(int group, int signal) => group > 1 && SendSignal(-group, signal) == 0;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SendSignal(int pid, int signal);
}
