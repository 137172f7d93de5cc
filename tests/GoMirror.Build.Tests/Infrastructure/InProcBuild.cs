using System.Collections.Concurrent;
using System.Text;
using Microsoft.Build.Evaluation;
using Microsoft.Build.Execution;
using GoMirror.Testing;
using Microsoft.Build.Framework;

namespace GoMirror.Build.Tests.Infrastructure;

/// <summary>
/// Restores and builds a project with the SDK's MSBuild inside the test process (BuildManager), as
/// `dotnet build` would, and records every event. Only one BuildManager build may run at a time: all tests
/// that use this belong to the <see cref="MSBuildCollection"/>. The build sees the process environment as
/// <see cref="HermeticEnvironment"/> leaves it (plus <c>environment</c>), as an out-of-process build does.
/// </summary>
public static class InProcBuild
{
    public static BuildResult Run(string projectFile, string target = "Build", IDictionary<string, string>? properties = null, bool restore = true, string? binaryLog = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var hermetic = HermeticEnvironment.Apply(environment);
        var logger = new RecordingLogger();
        List<ILogger> loggers = [logger];
        if (binaryLog is not null)
        {
            loggers.Add(new Microsoft.Build.Logging.BinaryLogger { Parameters = binaryLog });
        }

        var globals = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in properties ?? new Dictionary<string, string>())
        {
            globals[key] = value;
        }

        var parameters = new BuildParameters
        {
            Loggers = loggers,
            EnableNodeReuse = false,
            MaxNodeCount = 1,
            DisableInProcNode = false,
        };

        if (restore)
        {
            // What `msbuild -restore` does: restore in its own evaluation, then build in a fresh one.
            var restoreGlobals = new Dictionary<string, string?>(globals, StringComparer.OrdinalIgnoreCase)
            {
                ["MSBuildRestoreSessionId"] = Guid.NewGuid().ToString("D"),
                ["_IsRestoring"] = "true",
            };
            using var restoreCollection = new ProjectCollection();
            var restoreResult = BuildManager.DefaultBuildManager.Build(
                parameters.Clone(),
                new BuildRequestData(projectFile, restoreGlobals, null, ["Restore"], null, BuildRequestDataFlags.ClearCachesAfterBuild | BuildRequestDataFlags.SkipNonexistentTargets | BuildRequestDataFlags.IgnoreMissingEmptyAndInvalidImports));
            if (restoreResult.OverallResult != BuildResultCode.Success)
            {
                return logger.ToResult(false);
            }
        }

        using var collection = new ProjectCollection();
        var result = BuildManager.DefaultBuildManager.Build(
            parameters.Clone(),
            new BuildRequestData(projectFile, globals, null, [target], null));
        return logger.ToResult(result.OverallResult == BuildResultCode.Success);
    }

    private sealed class RecordingLogger : ILogger
    {
        private readonly ConcurrentQueue<BuildErrorEventArgs> _errors = new();
        private readonly ConcurrentQueue<BuildWarningEventArgs> _warnings = new();
        private readonly ConcurrentQueue<string> _messages = new();
        private readonly StringBuilder _log = new();
        private readonly Lock _gate = new();

        public LoggerVerbosity Verbosity { get; set; } = LoggerVerbosity.Diagnostic;

        public string? Parameters { get; set; }

        public void Initialize(IEventSource eventSource)
        {
            eventSource.ErrorRaised += (_, e) =>
            {
                _errors.Enqueue(e);
                Append($"{e.File}({e.LineNumber}): error {e.Code}: {e.Message}");
            };
            eventSource.WarningRaised += (_, e) =>
            {
                _warnings.Enqueue(e);
                Append($"{e.File}({e.LineNumber}): warning {e.Code}: {e.Message}");
            };
            eventSource.MessageRaised += (_, e) =>
            {
                if (e.Message is { } m)
                {
                    _messages.Enqueue(m);
                    if (e.Importance != MessageImportance.Low)
                    {
                        Append(m);
                    }
                }
            };
        }

        public void Shutdown()
        {
        }

        public BuildResult ToResult(bool succeeded) => new()
        {
            Succeeded = succeeded,
            Errors = [.. _errors],
            Warnings = [.. _warnings],
            Messages = [.. _messages],
            Log = _log.ToString(),
        };

        private void Append(string line)
        {
            lock (_gate)
            {
                _log.AppendLine(line);
            }
        }
    }
}
