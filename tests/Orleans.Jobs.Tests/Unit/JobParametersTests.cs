using System.Text.Json;

namespace Orleans.Jobs.Tests.Unit;

public sealed class JobParametersTests
{
    private sealed record ImportParameters(string Container, int PageSize);

    [Fact]
    public void From_Object_ReadsBackByNameAndAsType()
    {
        var parameters = JobParameters.From(new { container = "stores", pageSize = 50 });

        Assert.Equal("stores", parameters.Get<string>("container"));
        Assert.Equal(50, parameters.Get<int>("PageSize"));
        Assert.Equal(7, parameters.Get("missing", 7));
        Assert.Equal(new ImportParameters("stores", 50), parameters.As<ImportParameters>());
    }

    [Theory]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("{\"a\":", "is not valid JSON")]
    public void Parse_NotAnObject_NamesTheProblem(string json, string problem)
    {
        var error = Assert.Throws<JobValidationException>(() => JobParameters.Parse(json));
        Assert.Equal("parameters", error.Field);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Json_RoundTripsAsAnObjectNotAString()
    {
        var definition = new JobDefinition { Id = "a", Type = "t", Parameters = JobParameters.From(new { x = 1 }) };
        var json = JsonSerializer.Serialize(definition, JobJson.Options);

        Assert.Contains("\"parameters\":{\"x\":1}", json);
        Assert.Equal(definition.Parameters, JsonSerializer.Deserialize<JobDefinition>(json, JobJson.Options)!.Parameters);
    }
}
