using GoMirror.Core.Diagnostics;
using GoMirror.Core.Security;

namespace GoMirror.Core.Policy;

/// <summary>A route as a host or the policy file wrote it, before it is checked.</summary>
/// <param name="Pattern">The module path pattern.</param>
/// <param name="Proxy">The proxy list, GOPROXY syntax.</param>
/// <param name="Location">Where it was written.</param>
internal sealed record RouteSetting(string Pattern, string Proxy, SourceLocation Location);

/// <summary>
/// The routes of a policy, checked: which proxy list serves a module path. An exact pattern wins over every prefix
/// pattern, and the longest matching prefix over shorter ones, as NuGet's package source mapping chooses a source;
/// a path no route matches takes GOPROXY. GONOPROXY/GOPRIVATE win over every route (<see cref="GoMirrorPolicy.ProxiesFor"/>).
/// </summary>
internal sealed class ProxyRouteTable
{
    private readonly ProxyRoute[] _exact;
    private readonly ProxyRoute[] _prefixes;

    private ProxyRouteTable(IEnumerable<ProxyRoute> routes)
    {
        Routes = [.. routes.OrderBy(r => r.Pattern, StringComparer.Ordinal)];
        _exact = [.. Routes.Where(r => !r.IsPrefix)];
        _prefixes = [.. Routes.Where(r => r.IsPrefix).OrderByDescending(r => r.Prefix.Length)];
    }

    /// <summary>No routes: every path takes GOPROXY.</summary>
    public static ProxyRouteTable Empty { get; } = new([]);

    /// <summary>Every route, sorted by pattern.</summary>
    public IReadOnlyList<ProxyRoute> Routes { get; }

    /// <summary>The route that serves <paramref name="modulePath"/>, or null for GOPROXY.</summary>
    public ProxyRoute? RouteFor(string modulePath)
    {
        ArgumentNullException.ThrowIfNull(modulePath);
        foreach (var route in _exact)
        {
            if (route.Matches(modulePath))
            {
                return route;
            }
        }

        foreach (var route in _prefixes)
        {
            if (route.Matches(modulePath))
            {
                return route;
            }
        }

        return null;
    }

    /// <summary>
    /// Checks and merges routes: <paramref name="explicitRoutes"/> (MSBuild items, Cake, CLI) win over
    /// <paramref name="profileRoutes"/> (the policy file) for the same pattern. A malformed pattern or list is an error
    /// and the route is left out; within one level a pattern given twice with different lists is an error.
    /// </summary>
    public static ProxyRouteTable Create(IEnumerable<RouteSetting> explicitRoutes, IEnumerable<RouteSetting> profileRoutes, GoHostOS os, DiagnosticBag diagnostics)
    {
        var merged = new Dictionary<string, ProxyRoute>(StringComparer.Ordinal);
        foreach (var route in Level(profileRoutes, SettingSourceKind.Profile, os, diagnostics).Concat(Level(explicitRoutes, SettingSourceKind.Explicit, os, diagnostics)))
        {
            merged[route.Pattern] = route;
        }

        return merged.Count == 0 ? Empty : new ProxyRouteTable(merged.Values);
    }

    /// <summary>Reads a host's route text: <c>pattern=list</c> entries separated by <c>;</c> (a list holds no
    /// <c>;</c>: its entries are separated by <c>,</c> and <c>|</c>). An entry without <c>=</c> is GOMIRROR0023.</summary>
    public static IReadOnlyList<RouteSetting> ParseText(string? text, SourceLocation location, DiagnosticBag diagnostics)
    {
        var routes = new List<RouteSetting>();
        foreach (var entry in (text ?? string.Empty).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                diagnostics.Add(PolicyDiagnostics.MalformedRoutePattern.Create(
                    $"route '{CredentialRedactor.RedactText(entry)}' ({location.Description}) is not pattern=proxy-list.", location,
                    "Write each route as pattern=proxy-list, routes separated by ';', for example git.corp.example/*=https://athens.corp.example."));
                continue;
            }

            routes.Add(new RouteSetting(entry[..equals].Trim(), entry[(equals + 1)..].Trim(), location));
        }

        return routes;
    }

    private static List<ProxyRoute> Level(IEnumerable<RouteSetting> settings, SettingSourceKind kind, GoHostOS os, DiagnosticBag diagnostics)
    {
        var routes = new Dictionary<string, ProxyRoute>(StringComparer.Ordinal);
        foreach (var setting in settings)
        {
            if (Check(setting, kind, os, diagnostics) is not { } route)
            {
                continue;
            }

            if (routes.TryGetValue(route.Pattern, out var earlier) && earlier.Proxy != route.Proxy)
            {
                diagnostics.Add(PolicyDiagnostics.DuplicateRoute.Create(
                    $"route '{route.Pattern}' is given twice: {earlier.DisplayProxy} ({earlier.Location}) and {route.DisplayProxy} ({route.Location}); neither is used.",
                    route.Location));
                routes[route.Pattern] = earlier with { Entries = [] };
                continue;
            }

            routes[route.Pattern] = route;
        }

        return [.. routes.Values.Where(r => r.Entries.Count > 0)];
    }

    private static ProxyRoute? Check(RouteSetting setting, SettingSourceKind kind, GoHostOS os, DiagnosticBag diagnostics)
    {
        var shownPattern = CredentialRedactor.RedactText(setting.Pattern);
        if (ProxyRoute.PatternProblem(setting.Pattern) is { } problem)
        {
            diagnostics.Add(PolicyDiagnostics.MalformedRoutePattern.Create(
                $"route pattern '{shownPattern}' ({setting.Location}) is malformed: {problem}.", setting.Location));
            return null;
        }

        if (setting.Proxy.Length == 0)
        {
            diagnostics.Add(PolicyDiagnostics.MalformedRouteProxy.Create($"route '{shownPattern}' ({setting.Location}) has no proxy list.", setting.Location));
            return null;
        }

        // The list follows GOPROXY's rules exactly (separators, https:// for a bare host, file:// paths, plain http
        // only as written); what the parser says about it is said about the route.
        var parsed = new DiagnosticBag();
        var entries = ProxyListParser.Parse(setting.Proxy, setting.Location, os, parsed);
        foreach (var said in parsed.ToList())
        {
            var message = $"route '{shownPattern}': {said.Message}";
            diagnostics.Add(said.IsError
                ? PolicyDiagnostics.MalformedRouteProxy.Create(message, said.Location, said.Fix)
                : said with { Message = message });
        }

        if (entries.Count == 0)
        {
            return null;
        }

        if (entries[0].Kind == ProxyEntryKind.Direct)
        {
            diagnostics.Add(PolicyDiagnostics.MalformedRouteProxy.Create(
                $"route '{shownPattern}' ({setting.Location}) starts with direct: a route chooses proxies; the go command has one GOPROXY and could not fetch only these paths directly.",
                setting.Location,
                $"Put '{shownPattern.TrimEnd('*')}' in GONOPROXY (or GOPRIVATE) for direct fetches, or name a proxy first."));
            return null;
        }

        return new ProxyRoute(setting.Pattern, setting.Proxy, entries, setting.Location, kind);
    }
}
