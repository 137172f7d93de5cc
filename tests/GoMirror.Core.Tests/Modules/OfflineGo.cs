using GoMirror.Testing;

namespace GoMirror.Core.Tests.Modules;

/// <summary>Runs the real go with a private module cache and no network: the oracle for path, version, go.mod and go.sum rules.</summary>
internal static class OfflineGo
{
    /// <summary>The environment for one test: GOPROXY as given (off by default), no checksum database, caches under <paramref name="temp"/>.</summary>
    public static Dictionary<string, string> Environment(TempDirectory temp, string proxy = "off") => new()
    {
        ["GOPROXY"] = proxy,
        ["GOSUMDB"] = "off",
        ["GOFLAGS"] = "-mod=mod",
        ["GOMODCACHE"] = temp.Combine("modcache"),
        ["GOPATH"] = temp.Combine("gopath"),
        ["GOCACHE"] = temp.Combine("gocache"),
    };

    /// <summary>Creates a folder holding a main module with the given go.mod text.</summary>
    public static string ModuleFolder(TempDirectory temp, string goMod, string name = "main")
    {
        var dir = temp.Combine(name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "go.mod"), goMod);
        return dir;
    }
}
