namespace Orleans.Jobs;

/// <summary>The built-in job types of payload jobs.</summary>
public static class PayloadTypes
{
    /// <summary>The type of a job whose work is its <see cref="JobDefinition.Payload"/>.</summary>
    public const string Payload = "payload";

    /// <summary>An item that makes one HTTP request (parameters: <c>HttpItemParameters</c>).</summary>
    public const string Http = "http";
}
