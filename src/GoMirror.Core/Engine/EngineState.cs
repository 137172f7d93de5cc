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
    private const string PrewarmFile = "prewarm.json";
    private const string DownloadFile = "download.json";
    private const string ReportFile = "report.json";

    public EngineState(string goModCache, IEnumerable<string> goModPaths, string reportDirectory) =>
        Folder = Path.Combine(goModCache, "cache", "gomirror", "state", Key(goModPaths, reportDirectory));

    public string Folder { get; }

    /// <summary>SHA-256 of the sorted full go.mod paths and the report folder, shortened to 16 hex digits.</summary>
    public static string Key(IEnumerable<string> goModPaths, string reportDirectory)
    {
        var text = string.Join("\n", goModPaths.Select(Path.GetFullPath).Order(StringComparer.Ordinal)) + "\n" + Path.GetFullPath(reportDirectory);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    public PrewarmState? ReadPrewarm(DiagnosticBag diagnostics) => Read(PrewarmFile, EngineStateJson.Default.PrewarmState, diagnostics);

    public DownloadState? ReadDownload(DiagnosticBag diagnostics) => Read(DownloadFile, EngineStateJson.Default.DownloadState, diagnostics);

    public ReportState? ReadReport(DiagnosticBag diagnostics) => Read(ReportFile, EngineStateJson.Default.ReportState, diagnostics);

    public StepSummary? ReadPrewarmSummary(DiagnosticBag diagnostics) => ReadSummary(PrewarmFile, diagnostics);

    public StepSummary? ReadDownloadSummary(DiagnosticBag diagnostics) => ReadSummary(DownloadFile, diagnostics);

    public StepSummary? ReadReportSummary(DiagnosticBag diagnostics) => ReadSummary(ReportFile, diagnostics);

    public void Write(PrewarmState state, DiagnosticBag diagnostics) => Write(PrewarmFile, state, EngineStateJson.Default.PrewarmState, diagnostics);

    public void Write(DownloadState state, DiagnosticBag diagnostics) => Write(DownloadFile, state, EngineStateJson.Default.DownloadState, diagnostics);

    public void Write(ReportState state, DiagnosticBag diagnostics) => Write(ReportFile, state, EngineStateJson.Default.ReportState, diagnostics);

    private T? Read<T>(string name, JsonTypeInfo<T> type, DiagnosticBag diagnostics)
        where T : class =>
        Read(name, stream => JsonSerializer.Deserialize(stream, type), diagnostics);

    // The up-to-date check reads only the summary: deserializing the full records would compile the serializer's
    // code for every value type in them even when the step is then skipped.
    private StepSummary? ReadSummary(string name, DiagnosticBag diagnostics) =>
        Read(name, stream =>
        {
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return StepSummary.Parse(bytes);
        }, diagnostics);

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
