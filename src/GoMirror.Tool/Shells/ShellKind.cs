namespace GoMirror.Tool.Shells;

/// <summary>The shells <c>gomirror env</c> writes for, plus Go's own env file (<c>go env -w</c>).</summary>
internal enum ShellKind
{
    /// <summary>bash (and sh): <c>export NAME='value'</c>.</summary>
    Bash,

    /// <summary>zsh: the same single-quoted <c>export</c> as bash.</summary>
    Zsh,

    /// <summary>fish: <c>set -gx NAME 'value'</c>.</summary>
    Fish,

    /// <summary>PowerShell: <c>$env:NAME = 'value'</c>.</summary>
    Pwsh,

    /// <summary>cmd.exe batch files: <c>set "NAME=value"</c>.</summary>
    Cmd,

    /// <summary>One <c>go env -w NAME=value ...</c> command, quoted for the platform's default shell.</summary>
    Go,
}
