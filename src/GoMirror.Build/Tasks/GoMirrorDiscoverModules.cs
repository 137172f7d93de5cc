using GoMirror.Core.Discovery;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoMirror.Build.Tasks;

/// <summary>Finds go.mod files below <see cref="Root"/> when <c>GoMirrorDiscoverModules</c> is true.</summary>
public sealed class GoMirrorDiscoverModules : Microsoft.Build.Utilities.Task
{
    /// <summary>The folder to search.</summary>
    [Required]
    public string Root { get; set; } = string.Empty;

    /// <summary>The go.mod files found, as <c>GoModule</c> items.</summary>
    [Output]
    public ITaskItem[] GoModFiles { get; private set; } = [];

    /// <inheritdoc />
    public override bool Execute()
    {
        var found = GoModuleDiscovery.Find(Root);
        GoModFiles = [.. found.Select(f => new TaskItem(f))];
        Log.LogMessage(MessageImportance.Normal, "GoMirror: discovered {0} Go module(s) under {1}", found.Count, Root);
        return true;
    }
}
