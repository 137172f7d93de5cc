namespace GoMirror.Core.Auth;

/// <summary>How a netrc <c>machine</c> is compared with a request URL; the go command changed it between releases
/// (checked by running each: see NetrcGoOracleTests).</summary>
internal enum NetrcHostMatch
{
    /// <summary>Go 1.21 and newer (1.24's GOAUTH=netrc too): the host and port as the URL writes them, so
    /// <c>https://proxy.corp:8443/</c> needs <c>machine proxy.corp:8443</c>.</summary>
    HostAndPort,

    /// <summary>Go 1.19 and older: the host name alone (<c>URL.Hostname()</c>), so a machine written with a port
    /// never matches.</summary>
    HostOnly,
}
