namespace Orleans.Jobs;

/// <summary>How an activity entry reads: good news, something to look at, or a failure.</summary>
public enum ActivityLevel
{
    /// <summary>Something went well.</summary>
    Success,

    /// <summary>Something needs attention.</summary>
    Warning,

    /// <summary>Something failed.</summary>
    Error,
}
