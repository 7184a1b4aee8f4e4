using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Scheduler.Remote.Tests.Security;

/// <summary>Self-signed node certificates written to a temporary folder, made fresh for each test run.</summary>
public sealed class TestCertificates : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scheduler-tls-").FullName;

    /// <summary>The certificate named <paramref name="name"/>, made on first use.</summary>
    public string GetOrCreatePkcs12(string name, string password)
    {
        var path = Path.Combine(_folder, name + ".pfx");
        return File.Exists(path) ? path : CreatePkcs12(name, password);
    }

    /// <summary>Writes a PKCS#12 file holding a new self-signed certificate and its key; returns its path.</summary>
    public string CreatePkcs12(string name, string password)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, 0, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        var path = Path.Combine(_folder, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }

    /// <summary>The HOCON that turns TLS on with <paramref name="pkcs12"/>.</summary>
    public static string Hocon(string pkcs12, string password) => $$"""
        scheduler.remote.tls {
          enabled = on
          certificate-path = "{{pkcs12}}"
          certificate-password = "{{password}}"
        }
        """;

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
