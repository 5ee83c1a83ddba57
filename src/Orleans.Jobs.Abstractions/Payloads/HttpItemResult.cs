namespace Orleans.Jobs;

/// <summary>The result of a built-in <c>http</c> item: the answer's status, headers and (capped) body.</summary>
public sealed record HttpItemResult
{
    /// <summary>The status code.</summary>
    public int Status { get; init; }

    /// <summary>Response and content headers, values joined with <c>, </c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The body as text, up to the item's <c>MaxBodyBytes</c>.</summary>
    public string Body { get; init; } = "";

    /// <summary>True when the body was longer than what is kept.</summary>
    public bool BodyTruncated { get; init; }

    /// <summary>Time from sending the request to reading the kept body.</summary>
    public double ElapsedMs { get; init; }
}
