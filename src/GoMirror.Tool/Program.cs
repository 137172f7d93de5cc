using GoMirror.Tool.Hosting;
using GoMirror.Tool.Output;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C cancels the work (nothing half-written stays: the engine's temp+rename rules); a second one kills.
    e.Cancel = !cancel.IsCancellationRequested;
    cancel.Cancel();
};
return await GoMirrorCli.RunAsync(args, ToolConsole.FromProcess(), cancel.Token).ConfigureAwait(false);
