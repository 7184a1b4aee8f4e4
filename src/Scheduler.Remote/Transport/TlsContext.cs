using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Scheduler.Remote.Transport;

/// <summary>
/// Mutual TLS for node connections: both sides present a certificate and accept the other's only when it chains to
/// a trusted one. Host names are not checked, since nodes are dialled by address and identified by certificate.
/// </summary>
internal sealed class TlsContext : IDisposable
{
    private readonly X509Certificate2 _certificate;
    private readonly X509Certificate2Collection _trusted;

    private TlsContext(X509Certificate2 certificate, X509Certificate2Collection trusted)
    {
        _certificate = certificate;
        _trusted = trusted;
    }

    /// <summary>Loads the certificates named by <paramref name="settings"/>; a missing or unreadable file fails naming its key.</summary>
    public static TlsContext Load(RemoteTlsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(settings.CertificatePath, settings.CertificatePassword);
        }
        catch (Exception exception) when (exception is IOException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException)
        {
            throw new Scheduler.Actors.ConfigurationException(
                $"Configuration key 'scheduler.remote.tls.certificate-path': the certificate '{settings.CertificatePath}' cannot be read: {exception.Message}", exception);
        }

        if (!certificate.HasPrivateKey)
        {
            throw new Scheduler.Actors.ConfigurationException(
                $"Configuration key 'scheduler.remote.tls.certificate-path': '{settings.CertificatePath}' holds no private key, so this node cannot prove it owns the certificate.");
        }

        var trusted = new X509Certificate2Collection();
        if (settings.TrustedCertificatesPath.Length == 0)
        {
            trusted.Add(X509CertificateLoader.LoadCertificate(certificate.RawData));
        }
        else
        {
            try
            {
                trusted.ImportFromPemFile(settings.TrustedCertificatesPath);
            }
            catch (Exception exception) when (exception is IOException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException)
            {
                throw new Scheduler.Actors.ConfigurationException(
                    $"Configuration key 'scheduler.remote.tls.trusted-certificates-path': '{settings.TrustedCertificatesPath}' cannot be read: {exception.Message}", exception);
            }
        }

        return new TlsContext(certificate, trusted);
    }

    public async Task<SslStream> AuthenticateAsServerAsync(Stream inner, CancellationToken cancellationToken)
    {
        var stream = new SslStream(inner, leaveInnerStreamOpen: false, Validate);
        await stream.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
        {
            ServerCertificate = _certificate,
            ClientCertificateRequired = true,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        }, cancellationToken).ConfigureAwait(false);
        return stream;
    }

    public async Task<SslStream> AuthenticateAsClientAsync(Stream inner, string host, CancellationToken cancellationToken)
    {
        var stream = new SslStream(inner, leaveInnerStreamOpen: false, Validate);
        await stream.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = host,
            ClientCertificates = [_certificate],
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        }, cancellationToken).ConfigureAwait(false);
        return stream;
    }

    public void Dispose()
    {
        _certificate.Dispose();
        foreach (var certificate in _trusted)
        {
            certificate.Dispose();
        }
    }

    /// <summary>The peer's certificate must chain to a trusted one; a name mismatch alone is not a failure.</summary>
    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return false;
        }

        using var peer = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_trusted);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return custom.Build(peer);
    }
}
