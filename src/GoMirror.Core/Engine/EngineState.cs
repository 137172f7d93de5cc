using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Engine;

/// <summary>
/// The state folder <c>$GOMODCACHE/cache/gomirror/state/&lt;key&gt;/</c> where each step saves its results for the
/// steps after it, which may run in another engine instance or another process. One JSON file per step, each
/// replaced atomically (temp file, then rename), so a reader never sees half a file and parallel builds on one
/// cache never corrupt it. It lives in the module cache on purpose: <c>go clean -modcache</c> wipes it along
/// with the modules it describes.
/// </summary>
internal sealed class EngineState
{
    public EngineState(string goModCache, IEnumerable<string> goModPaths, string reportDirectory) =>
        Folder = Path.Combine(goModCache, "cache", "gomirror", "state", Key(goModPaths, reportDirectory));

    public string Folder { get; }

    /// <summary>SHA-256 of the sorted full go.mod paths and the report folder, shortened to 16 hex digits.</summary>
    public static string Key(IEnumerable<string> goModPaths, string reportDirectory)
    {
        var text = string.Join("\n", goModPaths.Select(Path.GetFullPath).Order(StringComparer.Ordinal)) + "\n" + Path.GetFullPath(reportDirectory);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>A step's whole saved state; null when there is none or it cannot be read (then a warning).</summary>
    public T? Read<T>(DiagnosticBag diagnostics)
        where T : class, IStepState<T> =>
        Read(T.FileName, stream => JsonSerializer.Deserialize(stream, T.Json), diagnostics);

    /// <summary>The summary of a step's saved state, read without the serializer: deserializing the full records
    /// would compile the serializer's code for every value type in them even when the step is then skipped.</summary>
    public StepSummary? ReadSummary<T>(DiagnosticBag diagnostics)
        where T : class, IStepState<T> =>
        Read(T.FileName, stream =>
        {
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return StepSummary.Parse(bytes);
        }, diagnostics);

    /// <summary>Replaces a step's saved state atomically; a failure is a warning (the work is redone later).</summary>
    public void Write<T>(T state, DiagnosticBag diagnostics)
        where T : class, IStepState<T> =>
        Write(T.FileName, state, T.WriteJson, diagnostics);

    private T? Read<T>(string name, Func<FileStream, T?> parse, DiagnosticBag diagnostics)
        where T : class
    {
        var file = Path.Combine(Folder, name);
        try
        {
            if (!File.Exists(file))
            {
                return null;
            }

            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return parse(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            diagnostics.Add(EngineDiagnostics.StateUnreadable.Create($"{file} could not be read ({e.Message}); the steps run again.", SourceLocation.InFile(file)));
            return null;
        }
    }

    private void Write<T>(string name, T state, JsonTypeInfo<T> type, DiagnosticBag diagnostics)
    {
        var file = Path.Combine(Folder, name);
        var temp = file + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(state, type));
            File.Move(temp, file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(EngineDiagnostics.StateNotWritten.Create($"{file} could not be written ({e.Message}); the next step or build redoes this work.", SourceLocation.InFile(file)));
            try
            {
                File.Delete(temp);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // The temp file has a unique name; a leftover is harmless.
            }
        }
    }
}
