using System.Text;
using GoMirror.Testing;
using Xunit.Sdk;

namespace GoMirror.Build.Tests.Infrastructure;

/// <summary>
/// A Go component inside a consumer repository: <c>go/agent/go.mod</c> requiring modules that a
/// <see cref="ModuleProxyFolder"/> holds, with a go.sum written by the real go command (Go is the oracle
/// for every hash the build later checks). Also a <c>go</c> wrapper that logs each invocation, so a test
/// can tell whether a build started the go command at all.
/// </summary>
public sealed class GoComponent
{
    public static readonly (string Path, string Version)[] Requirements =
    [
        ("example.com/Acme/Colors", "v1.2.0"),
        ("gopkg.in/example/strutil.v2", "v2.1.0"),
        ("example.com/units/v2", "v2.0.1"),
    ];

    private readonly string _goWrapper;

    public GoComponent(string repositoryRoot)
    {
        var go = GoToolchain.Require();
        Proxy = new ModuleProxyFolder(Path.Combine(repositoryRoot, "..", Path.GetFileName(repositoryRoot) + "-proxy"));
        foreach (var (path, version) in Requirements)
        {
            var package = path.Split('/')[^1].Split('.')[0].ToLowerInvariant();
            if (package.StartsWith('v') && package.Length <= 3)
            {
                package = "units";
            }

            Proxy.Add(path, version, new Dictionary<string, byte[]>
            {
                [package + ".go"] = Encoding.UTF8.GetBytes($"package {package}\n\nconst Name = \"{path}\"\n"),
            });
        }

        Directory = Path.Combine(repositoryRoot, "go", "agent");
        System.IO.Directory.CreateDirectory(Directory);
        GoMod = Path.Combine(Directory, "go.mod");
        File.WriteAllText(GoMod, "module example.com/consumer/agent\n\ngo 1.19\n\nrequire (\n"
            + string.Concat(Requirements.Select(r => $"\t{r.Path} {r.Version}\n")) + ")\n");
        GoSum = Path.Combine(Directory, "go.sum");

        // go.sum comes from Go itself, through a throw-away cache.
        var scratch = Path.Combine(repositoryRoot, "..", Path.GetFileName(repositoryRoot) + "-scratch");
        GoToolchain.Run(Directory, new Dictionary<string, string>
        {
            ["GOPROXY"] = Proxy.FileUrl,
            ["GOSUMDB"] = "off",
            ["GOFLAGS"] = "-mod=mod",
            ["GOMODCACHE"] = Path.Combine(scratch, "modcache"),
            ["GOPATH"] = Path.Combine(scratch, "gopath"),
        }, ["mod", "download", .. Requirements.Select(r => r.Path + "@" + r.Version)]).AssertSuccess();
        TempDirectory.MakeWritable(scratch);
        System.IO.Directory.Delete(scratch, recursive: true);

        InvocationLog = Path.Combine(repositoryRoot, "..", Path.GetFileName(repositoryRoot) + "-go-invocations.log");
        _goWrapper = Path.Combine(repositoryRoot, "..", Path.GetFileName(repositoryRoot) + "-go");
        if (!OperatingSystem.IsWindows())
        {
            // One line per run: the arguments, then what a test checks of the environment it was given.
            File.WriteAllText(_goWrapper, $"#!/bin/sh\necho \"$* | GOPROXY=$GOPROXY GOFLAGS=$GOFLAGS GOENV=$GOENV HOME=$HOME GOPATH=$GOPATH GOCACHE=$GOCACHE\" >> '{InvocationLog}'\nexec '{go}' \"$@\"\n");
            File.SetUnixFileMode(_goWrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public ModuleProxyFolder Proxy { get; }

    public string Directory { get; }

    public string GoMod { get; }

    public string GoSum { get; }

    /// <summary>A <c>go</c> that appends its arguments and part of its environment to <see cref="InvocationLog"/>, then runs the real go.
    /// A POSIX shell script: a test that uses it is skipped on Windows.</summary>
    public string GoWrapper
    {
        get
        {
            if (OperatingSystem.IsWindows())
            {
                throw SkipException.ForSkip("the go wrapper that logs each invocation is a POSIX shell script");
            }

            return _goWrapper;
        }
    }

    public string InvocationLog { get; }

    /// <summary>How many times the wrapper has run.</summary>
    public int Invocations => InvocationLines.Count;

    /// <summary>One line per run of the wrapper: <c>&lt;arguments&gt; | GOPROXY=… GOFLAGS=… GOENV=… HOME=… GOPATH=… GOCACHE=…</c>.</summary>
    public IReadOnlyList<string> InvocationLines => File.Exists(InvocationLog) ? File.ReadAllLines(InvocationLog) : [];
}
