using System.Globalization;
using System.Runtime.InteropServices;

namespace GoMirror.Bench.EndToEnd;

/// <summary>Reads what the figures depend on: cores, memory, processor, versions, and the load average.</summary>
public static class MachineProbe
{
    /// <summary>The 1-minute load average (Linux), or -1 where unknown.</summary>
    public static double LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return -1;
        }
    }

    /// <summary>The machine, with <paramref name="loadBefore"/> and the load now.</summary>
    public static MachineInfo Describe(string go, double loadBefore)
    {
        var cpu = "unknown";
        if (File.Exists("/proc/cpuinfo"))
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }

        var goVersion = ProcessRunner.Run(go, Environment.CurrentDirectory, new Dictionary<string, string>(StringComparer.Ordinal) { ["GOENV"] = "off" }, inheritEnvironment: false, "version").StandardOutput.Trim();
        return new MachineInfo(
            Environment.ProcessorCount,
            GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
            RuntimeInformation.OSDescription,
            cpu,
            goVersion,
            RuntimeInformation.FrameworkDescription,
            loadBefore,
            LoadAverage());
    }
}
