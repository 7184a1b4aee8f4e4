using Microsoft.Extensions.Configuration;
using Scheduler.Actors;

namespace Scheduler.Remote;

/// <summary>Mutual TLS between nodes: the certificate this node presents and the ones it trusts.</summary>
public sealed record RemoteTlsSettings
{
    /// <summary>A PKCS#12 file with this node's certificate and private key.</summary>
    public required string CertificatePath { get; init; }

    /// <summary>The password of <see cref="CertificatePath"/> (may be empty).</summary>
    public string CertificatePassword { get; init; } = string.Empty;

    /// <summary>A PEM file of the certificates a peer's must chain to; empty trusts this node's own certificate.</summary>
    public string TrustedCertificatesPath { get; init; } = string.Empty;

    /// <summary>Reads the section, or null when TLS is off.</summary>
    internal static RemoteTlsSettings? Read(IConfiguration configuration, string section)
    {
        if (!SettingsReader.RequireBool(configuration, section + ".enabled"))
        {
            return null;
        }

        var certificate = SettingsReader.OptionalString(configuration, section + ".certificate-path");
        if (certificate.Length == 0)
        {
            throw new ConfigurationException($"Configuration key '{section}.certificate-path' is empty, but {section}.enabled is on: name the node's PKCS#12 certificate file.");
        }

        return new RemoteTlsSettings
        {
            CertificatePath = certificate,
            CertificatePassword = SettingsReader.OptionalString(configuration, section + ".certificate-password"),
            TrustedCertificatesPath = SettingsReader.OptionalString(configuration, section + ".trusted-certificates-path"),
        };
    }
}
