namespace Orleans.Jobs.Tests.Processes;

/// <summary>Keeps a client trying to connect for a while: the silos it looks for are still starting.</summary>
internal sealed class ConnectionRetry(TimeSpan patience) : IClientConnectionRetryFilter
{
    private readonly DateTimeOffset _giveUpAt = DateTimeOffset.UtcNow + patience;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        if (DateTimeOffset.UtcNow > _giveUpAt)
        {
            return false;
        }

        await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        return true;
    }
}
