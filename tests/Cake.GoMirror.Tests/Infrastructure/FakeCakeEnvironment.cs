using Cake.Core;
using Cake.Core.IO;

namespace Cake.GoMirror.Tests.Infrastructure;

// Cake.Testing (FakeEnvironment) cannot be restored on the build machine; the tests need an environment
// whose variables, platform and working directory they choose, so this is a small fake of their own.

/// <summary>An <see cref="ICakeEnvironment"/> with chosen variables, platform and working directory.</summary>
public sealed class FakeCakeEnvironment(string workingDirectory, PlatformFamily family = PlatformFamily.Linux) : ICakeEnvironment
{
    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    public DirectoryPath WorkingDirectory { get; set; } = new(workingDirectory);

    public DirectoryPath ApplicationRoot => WorkingDirectory;

    public ICakePlatform Platform { get; } = new FakePlatform(family);

    public ICakeRuntime Runtime => throw new NotSupportedException("the aliases do not read the Cake runtime");

    public DirectoryPath GetSpecialPath(SpecialPath path) => throw new NotSupportedException("the aliases do not read special paths");

    public string? GetEnvironmentVariable(string variable) => Variables.GetValueOrDefault(variable);

    public IDictionary<string, string> GetEnvironmentVariables() => new Dictionary<string, string>(Variables, StringComparer.Ordinal);

    private sealed class FakePlatform(PlatformFamily family) : ICakePlatform
    {
        public PlatformFamily Family => family;

        public bool Is64Bit => true;
    }
}
