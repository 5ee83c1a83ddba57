namespace Orleans.Jobs.Tests.Unit;

public sealed class JobIdsTests
{
    [Theory]
    [InlineData("nightly-import")]
    [InlineData("a")]
    [InlineData("Orders.v2_daily")]
    public void Validate_AcceptsLettersDigitsDotUnderscoreDash(string id) => JobIds.Validate(id);

    [Theory]
    [InlineData("", "is required")]
    [InlineData("has space", "contains ' '")]
    [InlineData("slash/inside", "contains '/'")]
    [InlineData("ümlaut", "contains 'ü'")]
    public void Validate_RejectsWithAClearReason(string id, string reason)
    {
        var error = Assert.Throws<JobValidationException>(() => JobIds.Validate(id));
        Assert.Equal("id", error.Field);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Validate_RejectsMoreThan128Characters()
    {
        JobIds.Validate(new string('a', 128));
        var error = Assert.Throws<JobValidationException>(() => JobIds.Validate(new string('a', 129)));
        Assert.Contains("the limit is 128", error.Message);
    }

    [Fact]
    public void ScheduledOccurrence_IsUtcWithMilliseconds()
    {
        var fire = new DateTimeOffset(2026, 3, 29, 3, 30, 5, 123, TimeSpan.FromHours(2));
        Assert.Equal("20260329T013005.123Z", JobIds.ScheduledOccurrence(fire));
    }

    [Fact]
    public void RunId_RoundTripsThroughParse()
    {
        var runId = JobIds.RunId("import", 3, JobIds.ManualOccurrence("key-1"));
        Assert.Equal("import/3/manual-key-1", runId);
        Assert.Equal(("import", 3L, "manual-key-1"), JobIds.ParseRunId(runId));
    }

    [Theory]
    [InlineData("import")]
    [InlineData("import/x/manual-a")]
    [InlineData("a/1/b/c")]
    public void ParseRunId_Malformed_Throws(string runId) =>
        Assert.Throws<JobValidationException>(() => JobIds.ParseRunId(runId));

    [Fact]
    public void ScheduledOccurrence_ReadsBackToTheSameInstant_AndManualOnesDoNot()
    {
        var fire = new DateTimeOffset(2026, 3, 29, 3, 30, 5, 123, TimeSpan.FromHours(2));

        Assert.True(JobIds.TryParseScheduledOccurrence(JobIds.ScheduledOccurrence(fire), out var parsed));
        Assert.Equal(fire, parsed);
        Assert.Equal(TimeSpan.Zero, parsed.Offset);
        Assert.False(JobIds.TryParseScheduledOccurrence(JobIds.ManualOccurrence("20260329T013005.123Z"), out _));
    }
}
