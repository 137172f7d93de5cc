namespace GoMirror.Build.Tests.Infrastructure;

/// <summary>All tests that drive MSBuild in-proc: one BuildManager build at a time, one packed feed per run.</summary>
[CollectionDefinition(Name)]
public sealed class MSBuildCollection : ICollectionFixture<PackageFeed>
{
    public const string Name = "MSBuild";
}
