namespace GoMirror.Tool.Hosting;

/// <summary>The exit codes of every <c>gomirror</c> verb (docs/cli.md).</summary>
internal static class ExitCodes
{
    /// <summary>The verb did its work; warnings may have been printed.</summary>
    public const int Success = 0;

    /// <summary>The engine reported an error: the policy check failed, a step failed, drift at error severity,
    /// a mirror serving different bytes.</summary>
    public const int Failed = 1;

    /// <summary>The command line was wrong (GOMIRROR1400–1449): nothing was done.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted (Ctrl+C) before the verb finished.</summary>
    public const int Cancelled = 130;
}
