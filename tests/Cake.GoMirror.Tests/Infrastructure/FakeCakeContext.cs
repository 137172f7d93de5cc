using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Cake.GoMirror.Tests.Infrastructure;

// Cake.Testing cannot be restored on the build machine. The aliases read only the environment and the log
// from the context; every other member throws, so a test notices if an alias starts using one.

/// <summary>An <see cref="ICakeContext"/> over a <see cref="FakeCakeEnvironment"/> and a <see cref="FakeCakeLog"/>.</summary>
public sealed class FakeCakeContext(FakeCakeEnvironment environment) : ICakeContext
{
    public FakeCakeEnvironment FakeEnvironment { get; } = environment;

    public FakeCakeLog FakeLog { get; } = new();

    public ICakeEnvironment Environment => FakeEnvironment;

    public ICakeLog Log => FakeLog;

    public IFileSystem FileSystem => throw Unused(nameof(FileSystem));

    public IGlobber Globber => throw Unused(nameof(Globber));

    public ICakeArguments Arguments => throw Unused(nameof(Arguments));

    public IProcessRunner ProcessRunner => throw Unused(nameof(ProcessRunner));

    public IRegistry Registry => throw Unused(nameof(Registry));

    public IToolLocator Tools => throw Unused(nameof(Tools));

    public ICakeDataResolver Data => throw Unused(nameof(Data));

    public ICakeConfiguration Configuration => throw Unused(nameof(Configuration));

    public IToolInstaller ToolInstaller => throw Unused(nameof(ToolInstaller));

    public IServiceProvider ServiceProvider => throw Unused(nameof(ServiceProvider));

    private static NotSupportedException Unused(string member) =>
        new($"ICakeContext.{member} is not used by the GoMirror aliases");
}
