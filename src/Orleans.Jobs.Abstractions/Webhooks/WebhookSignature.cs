using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Orleans.Jobs;

/// <summary>
/// How deliveries are signed, for senders and receivers: the header <c>X-Jobs-Signature: sha256=&lt;hex&gt;</c> is the
/// HMAC-SHA256 of <c>"{timestamp}.{body}"</c> with the subscription's secret, where <c>timestamp</c> is the value of
/// <c>X-Jobs-Timestamp</c> (Unix seconds). Receivers verify it and reject old timestamps, which stops replays.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The header carrying Unix seconds at signing.</summary>
    public const string TimestampHeader = "X-Jobs-Timestamp";

    /// <summary>The header carrying <c>sha256=&lt;lower-case hex&gt;</c>.</summary>
    public const string SignatureHeader = "X-Jobs-Signature";

    /// <summary>The header carrying the event type, e.g. <c>job.failed</c>.</summary>
    public const string EventHeader = "X-Jobs-Event";

    /// <summary>The header carrying the delivery id (the same on every attempt of one delivery).</summary>
    public const string DeliveryHeader = "X-Jobs-Delivery";

    /// <summary>The age beyond which <see cref="Verify"/> rejects a timestamp by default: 5 minutes.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>The <c>X-Jobs-Signature</c> value for <paramref name="body"/> sent at <paramref name="timestamp"/>.</summary>
    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
        return "sha256=" + Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// Whether the headers prove that <paramref name="body"/> was signed with <paramref name="secret"/> within
    /// <paramref name="tolerance"/> (default <see cref="DefaultTolerance"/>) of <paramref name="now"/>. Compares in
    /// constant time.
    /// </summary>
    public static bool Verify(
        string secret, string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (string.IsNullOrEmpty(secret) || signatureHeader is null
            || !long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return false;
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(timestamp);
        if (age.Duration() > (tolerance ?? DefaultTolerance))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        var actual = Encoding.ASCII.GetBytes(signatureHeader);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
