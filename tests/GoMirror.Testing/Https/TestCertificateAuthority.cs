using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GoMirror.Testing.Https;

/// <summary>
/// A certificate authority made by the test: a CA certificate (written as PEM to <see cref="BundleFile"/>, the file
/// to hand to Go and to .NET as <c>SSL_CERT_FILE</c>, which both honour on Linux) and server certificates it signs
/// for 127.0.0.1 and localhost. Nothing touches the machine's trust store.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private readonly ECDsa _key;

    /// <summary>Creates a CA valid from yesterday for a week, and writes its PEM to <paramref name="bundleFile"/>.</summary>
    public TestCertificateAuthority(string bundleFile)
    {
        _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=GoMirror test CA " + Guid.NewGuid().ToString("N")[..8], _key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        BundleFile = bundleFile;
        File.WriteAllText(bundleFile, Certificate.ExportCertificatePem() + "\n");
    }

    /// <summary>The CA certificate (with its key, for signing).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The PEM file holding the CA certificate: the value of <c>SSL_CERT_FILE</c>.</summary>
    public string BundleFile { get; }

    /// <summary>A server certificate for 127.0.0.1, ::1 and localhost, signed by this CA, with its private key
    /// usable by Kestrel.</summary>
    public X509Certificate2 IssueServerCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var issued = request.Create(Certificate, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(6), serial);
        using var withKey = issued.CopyWithPrivateKey(key);

        // Re-import through PKCS#12 so the private key is usable by the TLS stack on every OS.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }
}
