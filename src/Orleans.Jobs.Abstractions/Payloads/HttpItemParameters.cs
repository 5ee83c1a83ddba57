namespace Orleans.Jobs;

/// <summary>
/// Parameters of a built-in <c>http</c> item: one request. A non-2xx answer fails the attempt (408, 429 and 5xx are
/// retried, other 4xx are not) unless <see cref="FailOnErrorStatus"/> is false.
/// </summary>
public sealed record HttpItemParameters
{
    /// <summary>The method. Default <c>GET</c>.</summary>
    public string Method { get; init; } = "GET";

    /// <summary>The absolute http or https URL.</summary>
    public string Url { get; init; } = "";

    /// <summary>Request headers (content headers included).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The request body, sent as text. Default none.</summary>
    public string? Body { get; init; }

    /// <summary>The body's content type. Default <c>application/json</c>.</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>How long the request may take, in seconds (1–600). Default 30.</summary>
    public int TimeoutSeconds { get; init; } = 30;

    /// <summary>False: any answer is a result (its status recorded), not a failure. Default true.</summary>
    public bool FailOnErrorStatus { get; init; } = true;

    /// <summary>At most this much of the answer's body is kept (bytes, 0–1 MiB). Default 64 KiB.</summary>
    public int MaxBodyBytes { get; init; } = 64 * 1024;

    /// <summary>The longest URL accepted, in characters.</summary>
    public const int LongestUrl = 4096;

    /// <summary>Throws <see cref="JobValidationException"/> naming the first bad field.</summary>
    public void Validate(string field)
    {
        if (Url is { Length: > LongestUrl })
        {
            throw new JobValidationException($"{field}.url", $"is {Url.Length} characters; the limit is {LongestUrl}.");
        }

        if (!Uri.TryCreate(Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new JobValidationException($"{field}.url", $"'{Url}' is not an absolute http or https URL.");
        }

        if (string.IsNullOrWhiteSpace(Method) || !Method.All(char.IsAsciiLetter))
        {
            throw new JobValidationException($"{field}.method", $"'{Method}' is not an HTTP method.");
        }

        if (TimeoutSeconds is < 1 or > 600)
        {
            throw new JobValidationException($"{field}.timeoutSeconds", $"must be 1–600, not {TimeoutSeconds}.");
        }

        if (MaxBodyBytes is < 0 or > 1024 * 1024)
        {
            throw new JobValidationException($"{field}.maxBodyBytes", $"must be 0–1048576, not {MaxBodyBytes}.");
        }
    }
}
