using GoMirror.Core.Settings;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Policy;

public class ConfigurationDocsTests
{
    [Fact]
    public void Every_policy_variable_has_a_row_with_its_msbuild_and_cake_names()
    {
        var lines = File.ReadAllLines(RepositoryRoot.Combine("docs", "configuration.md"));
        foreach (var variable in SettingTable.All.Where(s => s.IsPolicy))
        {
            var row = $"| `{variable.GoVariable}` | `{variable.MSBuildProperty}` | `{variable.CakeSetting}` |";
            Assert.Contains(lines, line => line.StartsWith(row, StringComparison.Ordinal));
        }
    }
}
