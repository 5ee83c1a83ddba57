using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Orleans.Jobs.AzureStorage;

/// <summary>Escapes ids into what Azure Storage accepts in blob names and table keys, reversibly and without collisions.</summary>
internal static class StorageKeys
{
    /// <summary>Longest table key Azure accepts is 1 KiB; keep well under it.</summary>
    private const int MaximumTableKeyLength = 512;

    /// <summary>
    /// A table-key-safe form of <paramref name="value"/>: <c>/ \ # ? % |</c> and control characters become <c>%XXXX</c>,
    /// so <c>|</c> stays free to separate parts. Long values keep a prefix and gain a hash of the whole.
    /// </summary>
    public static string ForTable(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' or '|' || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return Shorten(builder.ToString(), MaximumTableKeyLength);
    }

    /// <summary>A blob-name-safe path segment: URI-escaped (so no <c>/</c>), long ones shortened with a hash.</summary>
    public static string ForBlob(string value) => Shorten(Uri.EscapeDataString(value), 400);

    /// <summary>A blob path for a run id: each <c>/</c>-separated part escaped, so the run's blobs nest by job and generation.</summary>
    public static string RunPath(string runId) => string.Join('/', runId.Split('/').Select(ForBlob));

    private static string Shorten(string escaped, int maximum)
    {
        if (escaped.Length <= maximum)
        {
            return escaped;
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(escaped)));
        return string.Concat(escaped.AsSpan(0, maximum - hash.Length - 1), "~", hash);
    }
}
