using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Engine;

/// <summary>
/// One step's results as an engine knows them: those this instance made, and those in the state folder (made
/// by another instance or process). The same choice for every step: the state folder's, unless only this
/// instance's were made from the current inputs (its write failed).
/// </summary>
/// <typeparam name="T">The step's state record.</typeparam>
internal sealed class StepRecord<T>
    where T : class, IStepState<T>
{
    /// <summary>What this instance saved last; null when the step did not run here.</summary>
    public T? Mine { get; private set; }

    /// <summary>Keeps <paramref name="value"/> and writes it to the state folder.</summary>
    public void Save(EngineState state, T value, DiagnosticBag diagnostics)
    {
        Mine = value;
        state.Write(value, diagnostics);
    }

    /// <summary>The latest results, whatever inputs they were made from.</summary>
    public T? Latest(EngineState state, InputStamp stamp, DiagnosticBag diagnostics) =>
        Choose(Mine, state.Read<T>(diagnostics), stamp, s => s.Stamp.Value);

    /// <summary>The results made from the current inputs, else null.</summary>
    public T? Current(EngineState state, InputStamp stamp, DiagnosticBag diagnostics) =>
        Latest(state, stamp, diagnostics) is { } latest && latest.Stamp.Value == stamp.Value ? latest : null;

    /// <summary>The same choice over summaries, which is all the up-to-date check reads.</summary>
    public StepSummary? LatestSummary(EngineState state, InputStamp stamp, DiagnosticBag diagnostics) =>
        Choose(Mine?.ToSummary(), state.ReadSummary<T>(diagnostics), stamp, s => s.Stamp);

    private static TValue? Choose<TValue>(TValue? mine, TValue? saved, InputStamp stamp, Func<TValue, string> stampOf)
        where TValue : class =>
        mine is not null && stampOf(mine) == stamp.Value && (saved is null || stampOf(saved) != stamp.Value) ? mine : saved ?? mine;
}
