namespace Orleans.Jobs.Tests.Unit;

public sealed class RetryPolicyTests
{
    [Fact]
    public void Default_MatchesTheDesignDefaults()
    {
        var policy = RetryPolicy.Default;
        Assert.Equal(2, policy.MaximumAttempts);
        Assert.Equal(TimeSpan.FromSeconds(10), policy.InitialInterval);
        Assert.Equal(2, policy.BackoffCoefficient);
        Assert.Equal(TimeSpan.FromMinutes(5), policy.MaximumInterval);
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(5, 160)]
    [InlineData(6, 300)]
    [InlineData(60, 300)]
    public void DelayAfter_GrowsByCoefficientAndCapsAtMaximum(int failedAttempt, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RetryPolicy.Default.DelayAfter(failedAttempt));
    }

    [Fact]
    public void DelayAfter_ZeroInitialInterval_NeverWaits()
    {
        var policy = new RetryPolicy { InitialInterval = TimeSpan.Zero, MaximumInterval = TimeSpan.Zero };
        Assert.Equal(TimeSpan.Zero, policy.DelayAfter(3));
    }
}
