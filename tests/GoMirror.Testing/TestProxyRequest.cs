namespace GoMirror.Testing;

/// <summary>One request a <see cref="TestProxyServer"/> received, logged before any byte of the answer is sent
/// (so a client that has its answer always finds the entry).</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The decoded path below the server's base path, e.g. <c>/example.com/!upper/@v/v1.0.0.zip</c>.</param>
/// <param name="RawTarget">The request target exactly as sent on the wire (percent-escapes kept), base path included.</param>
/// <param name="Status">The status answered; 0 when the server never answered (a hang).</param>
/// <param name="Timestamp">When the request arrived (UTC).</param>
/// <param name="HadAuthorization">True when the request carried an Authorization header.</param>
/// <param name="Fault">The fault applied, or null when the request was served normally.</param>
/// <param name="Protocol">The HTTP version used, e.g. <c>HTTP/1.1</c> or <c>HTTP/2</c>.</param>
public sealed record TestProxyRequest(string Method, string Path, string RawTarget, int Status, DateTimeOffset Timestamp, bool HadAuthorization, TestProxyFaultKind? Fault, string Protocol);
