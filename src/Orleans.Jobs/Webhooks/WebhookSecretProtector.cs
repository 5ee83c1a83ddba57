using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Orleans.Jobs.Webhooks;

/// <summary>
/// Encrypts subscription secrets at rest with AES-256-GCM under <see cref="WebhookOptions.SecretKey"/>. The stored form
/// is <c>v1.{keyId}.{base64(nonce | ciphertext | tag)}</c>; the key id (a hash prefix of the key, not the key) tells a
/// wrong key apart from damaged data.
/// </summary>
internal sealed class WebhookSecretProtector(IOptions<WebhookOptions> options)
{
    private const int KeyBytes = 32;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const string Version = "v1";

    public static bool IsValidKey(string key)
    {
        var buffer = new byte[KeyBytes + 1];
        return Convert.TryFromBase64String(key, buffer, out var written) && written == KeyBytes;
    }

    public string Protect(string secret)
    {
        var key = Key();
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length));
        return $"{Version}.{KeyId(key)}.{Convert.ToBase64String(sealedBytes)}";
    }

    public string Unprotect(string protectedSecret)
    {
        var key = Key();
        var parts = protectedSecret.Split('.');
        if (parts.Length != 3 || parts[0] != Version)
        {
            throw new CryptographicException("The stored webhook secret is not in a known format.");
        }

        if (!string.Equals(parts[1], KeyId(key), StringComparison.Ordinal))
        {
            throw new CryptographicException(
                $"The stored webhook secret was encrypted with key {parts[1]}, but Webhooks:SecretKey is key {KeyId(key)}; add the subscription again or restore the key.");
        }

        var sealedBytes = Convert.FromBase64String(parts[2]);
        var plain = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), plain);
        return Encoding.UTF8.GetString(plain);
    }

    private byte[] Key() =>
        options.Value.SecretKey is { } key
            ? Convert.FromBase64String(key)
            : throw new JobsException("Webhooks are off: the silos have no Webhooks:SecretKey (WebhookOptions.SecretKey) to encrypt subscription secrets with.");

    private static string KeyId(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 4));
}
