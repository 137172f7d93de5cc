// Inventory.App: asks the Go inventory agent what a folder holds and prints its report.
// Usage: Inventory.App [--agent <path to inventory-agent>] [folder]
using System.Diagnostics;

string? agent = null;
var folder = Environment.CurrentDirectory;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--agent" && i + 1 < args.Length)
    {
        agent = args[++i];
    }
    else
    {
        folder = args[i];
    }
}

// The build puts the agent next to the app.
agent ??= Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "inventory-agent.exe" : "inventory-agent");
if (!File.Exists(agent))
{
    Console.Error.WriteLine($"The Go agent was not found at {agent}. Build the app with Go installed, or pass --agent <path>.");
    return 2;
}

var start = new ProcessStartInfo(agent) { RedirectStandardOutput = true, UseShellExecute = false };
start.ArgumentList.Add(folder);
using var process = Process.Start(start)!;
var report = process.StandardOutput.ReadToEnd();
process.WaitForExit();

Console.WriteLine($"Inventory by {Path.GetFileName(agent)}:");
Console.Write(report);
return process.ExitCode;
