using System.Text.RegularExpressions;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Engine;
using GoMirror.Core.Policy;
using GoMirror.Core.Settings;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Settings;

public class SettingTableTests
{
    [Fact]
    public void Every_name_column_is_unique_and_every_cli_option_is_a_long_option()
    {
        foreach (var column in new Func<GoMirrorSetting, string?>[] { s => s.GoVariable, s => s.OptionName, s => s.MSBuildProperty.ToUpperInvariant(), s => s.CakeSetting, s => s.CliOption })
        {
            var names = SettingTable.All.Select(column).Where(n => n is not null).ToList();
            Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        }

        Assert.All(SettingTable.All, s => Assert.Matches(new Regex("^--[a-z]+(-[a-z]+)*$"), s.CliOption));
        Assert.All(SettingTable.All, s => Assert.False(string.IsNullOrWhiteSpace(s.Doc) || string.IsNullOrWhiteSpace(s.Default), s.MSBuildProperty));
    }

    [Fact]
    public void A_row_sets_either_a_Go_variable_or_an_option_of_a_type_hosts_can_write()
    {
        Assert.Equal(PolicyVariables.All, SettingTable.All.Where(s => s.IsPolicy).Select(s => s.GoVariable!));
        foreach (var row in SettingTable.All)
        {
            Assert.True(row.IsPolicy ^ row.OptionName is not null, row.MSBuildProperty);
            if (row.OptionName is { } name)
            {
                var property = typeof(GoMirrorOptions).GetProperty(name);
                Assert.True(property is not null, $"{row.MSBuildProperty}: GoMirrorOptions has no property {name}");
                Assert.Contains(property.PropertyType, new[] { typeof(string), typeof(int), typeof(bool) });
            }
        }
    }

    [Fact]
    public void Every_row_has_a_docs_row_in_the_MSBuild_and_Cake_pages()
    {
        var msbuild = File.ReadAllLines(RepositoryRoot.Combine("docs", "msbuild.md"));
        var cake = File.ReadAllLines(RepositoryRoot.Combine("docs", "cake.md"));
        foreach (var row in SettingTable.All)
        {
            Assert.True(msbuild.Any(line => line.StartsWith($"| `{row.MSBuildProperty}` |", StringComparison.Ordinal)), $"docs/msbuild.md has no row for {row.MSBuildProperty}");
            var go = row.GoVariable is null ? "—" : $"`{row.GoVariable}`";
            Assert.True(cake.Any(line => line.StartsWith($"| `{row.CakeSetting}` | `{row.MSBuildProperty}` | {go} |", StringComparison.Ordinal)), $"docs/cake.md has no row for {row.CakeSetting}");
        }
    }

    [Fact]
    public void Values_are_trimmed_blank_is_unset_and_text_parses_by_the_option_type()
    {
        var problems = new List<Diagnostic>();
        var values = new[]
        {
            Value("GoMirrorProxy", "  https://goproxy.example  "),
            Value("GoMirrorPrivate", "   "),
            Value("GoMirrorMaxParallel", " 12 "),
            Value("GoMirrorOffline", "True"),
            Value("GoMirrorReportLeg", "linux"),
        };

        var options = SettingTable.ToOptions(new GoMirrorOptions(), values, problems);

        Assert.Empty(problems);
        var only = Assert.Single(options.PolicySettings);
        Assert.Equal((PolicyVariables.GoProxy, "https://goproxy.example", "test GoMirrorProxy"), (only.Name, only.Value, only.Location.Description));
        Assert.Equal((12, true, "linux"), (options.MaxParallel, options.Offline, options.ReportLeg));
    }

    [Fact]
    public void A_value_that_does_not_parse_is_an_invalid_option_naming_where_it_was_set()
    {
        var problems = new List<Diagnostic>();

        var options = SettingTable.ToOptions(new GoMirrorOptions(), [Value("GoMirrorMaxParallel", "many"), Value("GoMirrorOffline", "sometimes")], problems);

        Assert.Equal([EngineDiagnostics.InvalidOption.Code, EngineDiagnostics.InvalidOption.Code], problems.Select(p => p.Code));
        Assert.Contains("test GoMirrorMaxParallel is 'many'", problems[0].Message, StringComparison.Ordinal);
        Assert.Equal("test GoMirrorOffline", problems[1].Location?.Description);
        Assert.Equal((0, false), (options.MaxParallel, options.Offline));
    }

    private static SettingValue Value(string msbuildProperty, string value) =>
        new(SettingTable.ByMSBuildProperty(msbuildProperty)!, value, new SourceLocation("test " + msbuildProperty));
}
