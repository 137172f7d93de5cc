using Cake.Core.Tooling;
using Cake.GoMirror.Hosting;
using Cake.GoMirror.Tests.Infrastructure;
using GoMirror.Core.Engine;
using GoMirror.Core.Policy;
using GoMirror.Testing;

namespace Cake.GoMirror.Tests.Aliases;

/// <summary>
/// The settings' fallbacks as the engine applies them to what the addin translates: a setting, else the
/// script's environment (with the settings' EnvironmentVariables), else Go's env file, else Go's default.
/// </summary>
public sealed class PolicyFallbackTests : IDisposable
{
    private const string FromSetting = "https://setting.example";
    private const string FromEnvironment = "https://environment.example";
    private const string FromEnvFile = "https://envfile.example";
    private readonly TempDirectory _temp = new("cake-gomirror-policy");
    private readonly FakeCakeEnvironment _environment;

    public PolicyFallbackTests()
    {
        _environment = new FakeCakeEnvironment(_temp.Path);
        var envFile = _temp.Combine("go.env");
        File.WriteAllText(envFile, $"GOPROXY={FromEnvFile}\nGOPRIVATE=corp.example\n");
        _environment.Variables["GOENV"] = envFile;
        _environment.Variables["HOME"] = _temp.Path;
        Directory.CreateDirectory(_temp.Combine("agent"));
        File.WriteAllText(_temp.Combine("agent", "go.mod"), "module example.com/agent\n\ngo 1.19\n");
    }

    [Fact]
    public void A_setting_wins_over_environment_and_env_file()
    {
        _environment.Variables["GOPROXY"] = FromEnvironment;

        var proxy = Resolve(new GoMirrorSettings { Proxy = FromSetting }).Proxy;

        Assert.Equal((FromSetting, SettingSourceKind.Explicit), (proxy.Value, proxy.Kind));
        Assert.Equal("Cake setting GoMirrorSettings.Proxy", proxy.Location.Description);
    }

    [Fact]
    public void Unset_falls_back_to_the_script_environment()
    {
        _environment.Variables["GOPROXY"] = FromEnvironment;

        var proxy = Resolve(new GoMirrorSettings()).Proxy;

        Assert.Equal((FromEnvironment, SettingSourceKind.Environment), (proxy.Value, proxy.Kind));
    }

    [Fact]
    public void The_settings_environment_variables_count_as_environment()
    {
        _environment.Variables["GOPROXY"] = FromEnvironment;

        var proxy = Resolve(new GoMirrorSettings().WithEnvironmentVariable("GOPROXY", "https://tool-env.example")).Proxy;

        Assert.Equal(("https://tool-env.example", SettingSourceKind.Environment), (proxy.Value, proxy.Kind));
    }

    [Fact]
    public void Unset_and_not_in_the_environment_falls_back_to_Go_env_file()
    {
        var policy = Resolve(new GoMirrorSettings { Proxy = " " });

        Assert.Equal((FromEnvFile, SettingSourceKind.EnvFile), (policy.Proxy.Value, policy.Proxy.Kind));
        Assert.Equal(_temp.Combine("go.env"), policy.Proxy.Location.File);
        Assert.Equal(("corp.example", SettingSourceKind.Derived), (policy.NoSumDb.Value, policy.NoSumDb.Kind));
    }

    [Fact]
    public void Nothing_set_anywhere_is_Go_default()
    {
        _environment.Variables["GOENV"] = "off";

        var proxy = Resolve(new GoMirrorSettings()).Proxy;

        Assert.Equal(("https://proxy.golang.org,direct", SettingSourceKind.Default), (proxy.Value, proxy.Kind));
    }

    public void Dispose() => _temp.Dispose();

    private GoMirrorPolicy Resolve(GoMirrorSettings settings)
    {
        using var engine = new GoMirrorEngine(GoMirrorOptionsFactory.Create(_environment, settings, [new Cake.Core.IO.DirectoryPath("agent")]), new CakeGoMirrorLog(new FakeCakeLog()));
        var result = engine.CheckPolicy();
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Diagnostics));
        return result.Policy;
    }
}
