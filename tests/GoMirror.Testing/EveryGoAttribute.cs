using System.Reflection;
using Xunit;
using Xunit.Sdk;
using Xunit.v3;

namespace GoMirror.Testing;

/// <summary>
/// Theory data: one case per Go release of <see cref="GoVersions.Expected"/> (from <see cref="Minimum"/> on), passed
/// as the test's one <c>string go</c> parameter; the test starts with <c>using var selected = GoVersions.Use(go);</c>.
/// An attribute rather than <c>MemberData(MemberType = typeof(GoVersions))</c>: xunit's analyzer cannot follow a
/// member declared in another assembly (xunit/xunit#3575).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class EveryGoAttribute : DataAttribute
{
    /// <summary>The oldest release to run on, for example <c>1.21</c> for go.env and toolchain switching; null for all.</summary>
    public string? Minimum { get; set; }

    /// <inheritdoc />
    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker) =>
        new([.. GoVersions.Expected.Where(v => Minimum is null || GoVersions.Compare(v, Minimum) >= 0).Select(v => new TheoryDataRow<string>(v))]);

    /// <inheritdoc />
    public override bool SupportsDiscoveryEnumeration() => true;
}
